package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IntervalFireTimesTest {

    @Test
    void everyTenMinutesIsAlignedToRoundTimesByDefault() {
        FireTimes fires = FireTimes.of(Schedule.every(Duration.ofMinutes(10)));
        assertThat(fires.nextAfter(Instant.parse("2026-05-04T10:03:17Z"))).hasValue(Instant.parse("2026-05-04T10:10:00Z"));
        assertThat(fires.nextAfter(Instant.parse("2026-05-04T10:10:00Z"))).hasValue(Instant.parse("2026-05-04T10:20:00Z"));
        assertThat(fires.between(Instant.parse("2026-05-04T10:00:00Z"), Instant.parse("2026-05-04T10:30:00Z")))
                .containsExactly(Instant.parse("2026-05-04T10:00:00Z"), Instant.parse("2026-05-04T10:10:00Z"),
                        Instant.parse("2026-05-04T10:20:00Z"));
    }

    @Test
    void aStartAnchorsTheFiresAndNothingFiresBeforeIt() {
        Instant start = Instant.parse("2026-05-04T10:03:00Z");
        FireTimes fires = FireTimes.of(Schedule.every(Duration.ofMinutes(10)).startingAt(start));
        assertThat(fires.nextAfter(Instant.parse("2026-01-01T00:00:00Z"))).hasValue(start);
        assertThat(fires.firstAtOrAfter(start)).hasValue(start);
        assertThat(fires.nextAfter(Instant.parse("2026-05-04T11:00:00Z"))).hasValue(Instant.parse("2026-05-04T11:03:00Z"));
    }

    @Test
    void daylightSavingDoesNotChangeAFixedInterval() {
        FireTimes fires = FireTimes.of(Schedule.every(Duration.ofHours(1)));
        // The Berlin autumn day has 25 real hours, and so 25 hourly fires.
        assertThat(fires.between(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"))).hasSize(25);
    }

    @Test
    void intervalsThatDoNotDivideADayStayOnTheirGrid() {
        FireTimes fires = FireTimes.of(Schedule.every(Duration.ofMinutes(7)));
        Instant next = fires.nextAfter(Instant.parse("2026-05-04T10:00:00Z")).orElseThrow();
        assertThat(Duration.between(Instant.EPOCH, next).toMinutes() % 7).isZero();
        assertThat(Duration.between(Instant.parse("2026-05-04T10:00:00Z"), next)).isLessThanOrEqualTo(Duration.ofMinutes(7));
    }
}
