package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * America/New_York in 2026: spring forward on March 8 (02:00 EST becomes 03:00 EDT), fall back
 * on November 1 (02:00 EDT becomes 01:00 EST, 01:00-01:59 happens twice).
 */
class DstNewYorkTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDailyTimeInsideTheSpringGapFiresOnceAtTheEndOfTheGap() {
        assertThat(Fires.between(Schedule.cron("30 2 * * *", NEW_YORK), "2026-03-07T00:00", "2026-03-10T00:00"))
                .containsExactly("2026-03-07T02:30-05:00", "2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00");
    }

    @Test
    void aDailyTimeInsideTheAutumnRepeatFiresOnceAtItsFirstOccurrence() {
        assertThat(Fires.between(Schedule.cron("30 1 * * *", NEW_YORK), "2026-10-31T00:00", "2026-11-03T00:00"))
                .containsExactly("2026-10-31T01:30-04:00", "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
    }

    @Test
    void anHourlyJobFiresForTheSkippedHourAtTheEndOfTheGap() {
        assertThat(Fires.between(Schedule.cron("30 * * * *", NEW_YORK), "2026-03-08T01:00", "2026-03-08T04:00"))
                .containsExactly("2026-03-08T01:30-05:00", "2026-03-08T03:00-04:00", "2026-03-08T03:30-04:00");
    }

    @Test
    void anHourlyJobDoesNotRunTwiceInTheRepeatedHour() {
        assertThat(Fires.between(Schedule.cron("30 * * * *", NEW_YORK), "2026-11-01T00:00", "2026-11-01T03:00"))
                .containsExactly("2026-11-01T00:30-04:00", "2026-11-01T01:30-04:00", "2026-11-01T02:30-05:00");
    }

    @Test
    void everyFifteenMinutesMergesTheSpringGapIntoOneFire() {
        assertThat(Fires.between(Schedule.cron("*/15 * * * *", NEW_YORK), "2026-03-08T01:45", "2026-03-08T03:16"))
                .containsExactly("2026-03-08T01:45-05:00", "2026-03-08T03:00-04:00", "2026-03-08T03:15-04:00");
    }

    @Test
    void everyFifteenMinutesFiresTheRepeatedHourOnceAtItsFirstPass() {
        assertThat(Fires.between(Schedule.cron("*/15 * * * *", NEW_YORK), "2026-11-01T00:45", "2026-11-01T02:16"))
                .containsExactly("2026-11-01T00:45-04:00", "2026-11-01T01:00-04:00", "2026-11-01T01:15-04:00",
                        "2026-11-01T01:30-04:00", "2026-11-01T01:45-04:00", "2026-11-01T02:00-05:00",
                        "2026-11-01T02:15-05:00");
    }

    @Test
    void hourlyFiresOverEachTransitionDayAreOnePerDistinctLocalHour() {
        Schedule hourly = Schedule.cron("0 * * * *", NEW_YORK);
        assertThat(Fires.between(hourly, "2026-03-08T00:00", "2026-03-09T00:00")).hasSize(23).doesNotHaveDuplicates();
        assertThat(Fires.between(hourly, "2026-11-01T00:00", "2026-11-02T00:00")).hasSize(24).doesNotHaveDuplicates();
    }
}
