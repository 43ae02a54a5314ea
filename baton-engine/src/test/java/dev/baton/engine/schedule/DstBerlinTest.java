package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Europe/Berlin in 2026: spring forward on March 29 (02:00 CET becomes 03:00 CEST, 02:00-02:59
 * does not exist), fall back on October 25 (03:00 CEST becomes 02:00 CET, 02:00-02:59 happens
 * twice).
 */
class DstBerlinTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDailyTimeInsideTheSpringGapFiresOnceAtTheEndOfTheGap() {
        assertThat(Fires.between(Schedule.cron("30 2 * * *", BERLIN), "2026-03-28T00:00", "2026-03-31T00:00"))
                .containsExactly("2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00");
    }

    @Test
    void aDailyTimeAtTheStartOfTheSpringGapFiresAtTheEndOfTheGap() {
        assertThat(Fires.between(Schedule.cron("0 2 * * *", BERLIN), "2026-03-29T00:00", "2026-03-30T00:00"))
                .containsExactly("2026-03-29T03:00+02:00");
    }

    @Test
    void aDailyTimeInsideTheAutumnRepeatFiresOnceAtItsFirstOccurrence() {
        assertThat(Fires.between(Schedule.cron("30 2 * * *", BERLIN), "2026-10-24T00:00", "2026-10-27T00:00"))
                .containsExactly("2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
    }

    @Test
    void anHourlyJobFiresForTheSkippedHourAtTheEndOfTheGapAndKeepsItsMinuteAfterwards() {
        assertThat(Fires.between(Schedule.cron("30 * * * *", BERLIN), "2026-03-29T00:00", "2026-03-29T05:00"))
                .containsExactly("2026-03-29T00:30+01:00", "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00",
                        "2026-03-29T03:30+02:00", "2026-03-29T04:30+02:00");
    }

    @Test
    void anHourlyJobOnTheHourFiresOnceWhereTheSkippedHourAndTheNextHourMeet() {
        assertThat(Fires.between(Schedule.cron("0 * * * *", BERLIN), "2026-03-29T00:00", "2026-03-29T05:00"))
                .containsExactly("2026-03-29T00:00+01:00", "2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00",
                        "2026-03-29T04:00+02:00");
    }

    @Test
    void anHourlyJobDoesNotRunTwiceInTheRepeatedHour() {
        assertThat(Fires.between(Schedule.cron("30 * * * *", BERLIN), "2026-10-25T01:00", "2026-10-25T05:00"))
                .containsExactly("2026-10-25T01:30+02:00", "2026-10-25T02:30+02:00", "2026-10-25T03:30+01:00",
                        "2026-10-25T04:30+01:00");
    }

    @Test
    void everyFifteenMinutesMergesTheWholeSpringGapIntoOneFire() {
        assertThat(Fires.between(Schedule.cron("*/15 * * * *", BERLIN), "2026-03-29T01:30", "2026-03-29T03:31"))
                .containsExactly("2026-03-29T01:30+01:00", "2026-03-29T01:45+01:00", "2026-03-29T03:00+02:00",
                        "2026-03-29T03:15+02:00", "2026-03-29T03:30+02:00");
    }

    @Test
    void everyFifteenMinutesFiresEachLocalTimeOfTheRepeatedHourOnceSoTheSecondPassIsQuiet() {
        assertThat(Fires.between(Schedule.cron("*/15 * * * *", BERLIN), "2026-10-25T01:45", "2026-10-25T03:16"))
                .containsExactly("2026-10-25T01:45+02:00", "2026-10-25T02:00+02:00", "2026-10-25T02:15+02:00",
                        "2026-10-25T02:30+02:00", "2026-10-25T02:45+02:00", "2026-10-25T03:00+01:00",
                        "2026-10-25T03:15+01:00");
    }

    @Test
    void theNextFireAfterAnInstantInTheSecondPassOfTheRepeatedHourIsAfterThatHour() {
        Instant secondPass = Instant.parse("2026-10-25T01:10:00Z"); // 02:10 CET, the second 02:10
        FireTimes fires = FireTimes.of(Schedule.cron("*/15 * * * *", BERLIN));
        assertThat(fires.nextAfter(secondPass)).hasValue(Instant.parse("2026-10-25T02:00:00Z")); // 03:00 CET
    }

    @Test
    void theNextFireAfterAnInstantJustBeforeTheGapIsTheEndOfTheGap() {
        FireTimes fires = FireTimes.of(Schedule.cron("30 2 * * *", BERLIN));
        assertThat(fires.nextAfter(Instant.parse("2026-03-29T00:59:59Z")))   // 01:59:59 CET
                .hasValue(Instant.parse("2026-03-29T01:00:00Z"));           // 03:00 CEST
        assertThat(fires.nextAfter(Instant.parse("2026-03-29T01:00:00Z")))
                .hasValue(Instant.parse("2026-03-30T00:30:00Z"));           // next day 02:30 CEST
    }

    @Test
    void hourlyFiresOverEachTransitionDayAreOnePerDistinctLocalHour() {
        Schedule hourly = Schedule.cron("0 * * * *", BERLIN);
        // 23 local hours exist on the spring day; the autumn day has 25 real hours but 24 local hours.
        assertThat(Fires.between(hourly, "2026-03-29T00:00", "2026-03-30T00:00")).hasSize(23).doesNotHaveDuplicates();
        assertThat(Fires.between(hourly, "2026-10-25T00:00", "2026-10-26T00:00")).hasSize(24).doesNotHaveDuplicates();
    }

    @Test
    void aYearOfQuarterHourFiresIsStrictlyIncreasingWithOnlyTheSpringGapMerged() {
        FireTimes fires = FireTimes.of(Schedule.cron("*/15 * * * *", BERLIN));
        List<Instant> year = fires.between(Fires.instant("2026-01-01T00:00", BERLIN), Fires.instant("2027-01-01T00:00", BERLIN));
        // 365 days of 96 quarter hours; the 4 quarter hours of the gap merge into the 03:00 fire.
        assertThat(year).hasSize(365 * 96 - 4).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < year.size(); i++) {
            Duration gap = Duration.between(year.get(i - 1), year.get(i));
            // Quarter hours everywhere, except the quiet second pass of the repeated hour.
            assertThat(gap).isIn(Duration.ofMinutes(15), Duration.ofMinutes(75));
        }
        assertThat(year.stream().filter(f -> f.getEpochSecond() % 900 != 0)).isEmpty();
    }

    @Test
    void startingTheSearchAnywhereGivesTheSameFiresAsOneRange() {
        FireTimes fires = FireTimes.of(Schedule.cron("*/15 * * * *", BERLIN));
        Instant from = Instant.parse("2026-10-24T23:00:00Z");
        Instant to = Instant.parse("2026-10-25T03:00:00Z");
        List<Instant> range = fires.between(from, to.plus(Duration.ofHours(1)));
        for (Instant probe = from; probe.isBefore(to); probe = probe.plusSeconds(60)) {
            Instant expected = range.stream().filter(probe::isBefore).findFirst().orElseThrow();
            assertThat(fires.nextAfter(probe)).as("after %s", probe).hasValue(expected);
        }
    }
}
