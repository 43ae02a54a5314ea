package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Australia/Lord_Howe shifts by 30 minutes. In 2026: daylight saving ends on April 5 (02:00
 * +11:00 becomes 01:30 +10:30, 01:30-01:59 happens twice) and starts on October 4 (02:00
 * +10:30 becomes 02:30 +11:00, 02:00-02:29 does not exist).
 */
class DstLordHoweTest {

    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    @Test
    void aDailyTimeInsideTheHalfHourGapFiresAtTheEndOfTheGap() {
        assertThat(Fires.between(Schedule.cron("15 2 * * *", LORD_HOWE), "2026-10-03T00:00", "2026-10-06T00:00"))
                .containsExactly("2026-10-03T02:15+10:30", "2026-10-04T02:30+11:00", "2026-10-05T02:15+11:00");
    }

    @Test
    void aDailyTimeInsideTheHalfHourRepeatFiresOnceAtItsFirstOccurrence() {
        assertThat(Fires.between(Schedule.cron("45 1 * * *", LORD_HOWE), "2026-04-04T00:00", "2026-04-07T00:00"))
                .containsExactly("2026-04-04T01:45+11:00", "2026-04-05T01:45+11:00", "2026-04-06T01:45+10:30");
    }

    @Test
    void everyFifteenMinutesMergesTheGapWithTheFirstTimeAfterIt() {
        assertThat(Fires.between(Schedule.cron("*/15 * * * *", LORD_HOWE), "2026-10-04T01:30", "2026-10-04T03:01"))
                .containsExactly("2026-10-04T01:30+10:30", "2026-10-04T01:45+10:30", "2026-10-04T02:30+11:00",
                        "2026-10-04T02:45+11:00", "2026-10-04T03:00+11:00");
    }

    @Test
    void everyFifteenMinutesFiresTheRepeatedHalfHourOnce() {
        assertThat(Fires.between(Schedule.cron("*/15 * * * *", LORD_HOWE), "2026-04-05T01:00", "2026-04-05T02:16"))
                .containsExactly("2026-04-05T01:00+11:00", "2026-04-05T01:15+11:00", "2026-04-05T01:30+11:00",
                        "2026-04-05T01:45+11:00", "2026-04-05T02:00+10:30", "2026-04-05T02:15+10:30");
    }

    @Test
    void anHourlyJobKeepsOneFirePerLocalHourAcrossBothTransitions() {
        Schedule hourly = Schedule.cron("30 * * * *", LORD_HOWE);
        assertThat(Fires.between(hourly, "2026-04-05T00:00", "2026-04-05T04:00"))
                .containsExactly("2026-04-05T00:30+11:00", "2026-04-05T01:30+11:00", "2026-04-05T02:30+10:30",
                        "2026-04-05T03:30+10:30");
        // 02:30 is the end of the gap itself, so it exists and fires as usual.
        assertThat(Fires.between(hourly, "2026-10-04T00:00", "2026-10-04T04:00"))
                .containsExactly("2026-10-04T00:30+10:30", "2026-10-04T01:30+10:30", "2026-10-04T02:30+11:00",
                        "2026-10-04T03:30+11:00");
    }

    @Test
    void anHourlyJobOnTheHourFiresTheSkippedTwoOClockAtHalfPast() {
        assertThat(Fires.between(Schedule.cron("0 * * * *", LORD_HOWE), "2026-10-04T00:00", "2026-10-04T04:00"))
                .containsExactly("2026-10-04T00:00+10:30", "2026-10-04T01:00+10:30", "2026-10-04T02:30+11:00",
                        "2026-10-04T03:00+11:00");
    }
}
