package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CronCalendarTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void february29FiresOnlyInLeapYears() {
        FireTimes fires = FireTimes.of(Schedule.cron("0 0 29 2 *", UTC));
        assertThat(fires.nextAfter(Instant.parse("2026-01-01T00:00:00Z"))).hasValue(Instant.parse("2028-02-29T00:00:00Z"));
        assertThat(fires.nextAfter(Instant.parse("2028-02-29T00:00:00Z"))).hasValue(Instant.parse("2032-02-29T00:00:00Z"));
        // 2100 is not a leap year.
        assertThat(fires.nextAfter(Instant.parse("2096-03-01T00:00:00Z"))).hasValue(Instant.parse("2104-02-29T00:00:00Z"));
    }

    @Test
    void day31SkipsMonthsWithoutA31st() {
        assertThat(Fires.between(Schedule.cron("0 0 31 * *", UTC), "2026-01-01T00:00", "2027-01-01T00:00"))
                .containsExactly("2026-01-31T00:00Z", "2026-03-31T00:00Z", "2026-05-31T00:00Z", "2026-07-31T00:00Z",
                        "2026-08-31T00:00Z", "2026-10-31T00:00Z", "2026-12-31T00:00Z");
    }

    @Test
    void sixFieldsPutSecondsFirst() {
        assertThat(Fires.between(Schedule.cron("*/20 30 9 * * *", UTC), "2026-05-04T09:00", "2026-05-05T00:00"))
                .containsExactly("2026-05-04T09:30Z", "2026-05-04T09:30:20Z", "2026-05-04T09:30:40Z");
    }

    @Test
    void sixFieldsFollowTheSameDaylightSavingRule() {
        assertThat(Fires.between(Schedule.cron("15 30 2 * * *", ZoneId.of("Europe/Berlin")), "2026-03-29T00:00", "2026-03-30T00:00"))
                .containsExactly("2026-03-29T03:00+02:00");
    }

    @Test
    void dayOfMonthAndDayOfWeekBothRestrictedFireOnEitherAsInUnixCron() {
        // The 13th, and every Friday.
        assertThat(Fires.between(Schedule.cron("0 0 13 * FRI", UTC), "2026-01-01T00:00", "2026-01-20T00:00"))
                .containsExactly("2026-01-02T00:00Z", "2026-01-09T00:00Z", "2026-01-13T00:00Z", "2026-01-16T00:00Z");
    }

    @Test
    void sundayIsZeroOrSeven() {
        assertThat(Fires.between(Schedule.cron("0 12 * * 0", UTC), "2026-01-01T00:00", "2026-01-12T00:00"))
                .isEqualTo(Fires.between(Schedule.cron("0 12 * * 7", UTC), "2026-01-01T00:00", "2026-01-12T00:00"))
                .containsExactly("2026-01-04T12:00Z", "2026-01-11T12:00Z");
    }

    @Test
    void weekdayRangesStepsAndMonthNames() {
        assertThat(Fires.between(Schedule.cron("0 9-17/4 * JAN MON-FRI", UTC), "2026-01-02T00:00", "2026-01-06T00:00"))
                .containsExactly("2026-01-02T09:00Z", "2026-01-02T13:00Z", "2026-01-02T17:00Z",
                        "2026-01-05T09:00Z", "2026-01-05T13:00Z", "2026-01-05T17:00Z");
    }

    @Test
    void aFireAtExactlyFromIsIncludedAndOneAtExactlyToIsNot() {
        FireTimes fires = FireTimes.of(Schedule.cron("0 * * * *", UTC));
        assertThat(fires.between(Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T03:00:00Z")))
                .containsExactly(Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T02:00:00Z"));
    }

    @Test
    void theNextFireIsStrictlyAfterEvenWithinTheSameSecond() {
        FireTimes fires = FireTimes.of(Schedule.cron("0 * * * *", UTC));
        assertThat(fires.nextAfter(Instant.parse("2026-01-01T01:00:00Z"))).hasValue(Instant.parse("2026-01-01T02:00:00Z"));
        assertThat(fires.nextAfter(Instant.parse("2026-01-01T00:59:59.999999999Z"))).hasValue(Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(fires.nextAfter(Instant.parse("2026-01-01T01:00:00.000000001Z"))).hasValue(Instant.parse("2026-01-01T02:00:00Z"));
    }

    @Test
    void aRangeCanBeCappedAndTheLatestFiresFoundWithoutWalkingTheWholeRange() {
        FireTimes fires = FireTimes.of(Schedule.cron("0 0 1 * *", UTC));
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-06-15T00:00:00Z");
        assertThat(fires.between(from, to, 2))
                .containsExactly(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z"));
        assertThat(fires.latestBefore(to, from, 2))
                .containsExactly(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(fires.latestBefore(to, Instant.parse("2026-05-15T00:00:00Z"), 5))
                .containsExactly(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(fires.latestBefore(to, from, 1000)).hasSize(78).isEqualTo(fires.between(from, to));
    }
}
