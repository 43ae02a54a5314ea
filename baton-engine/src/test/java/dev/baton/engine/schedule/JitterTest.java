package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JitterTest {

    private static final Schedule HOURLY = Schedule.cron("0 * * * *", ZoneId.of("Europe/Berlin")).jitter(Duration.ofMinutes(5));
    /** SHA-256 of "NightlyLoad", NUL, "0 * * * * Europe/Berlin", NUL, "1774746000.0": first 8 bytes, mod 5 minutes. */
    private static final long PINNED_NANOS = 276_271_934_281L;

    @Test
    void aFireIsNeverEarlyAndAlwaysWithinTheJitter() {
        List<Instant> fires = FireTimes.of(HOURLY).between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
        for (Instant logical : fires) {
            Duration delay = Jitter.delay("NightlyLoad", HOURLY, logical);
            assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofMinutes(5));
            assertThat(Jitter.dueAt("NightlyLoad", HOURLY, logical)).isEqualTo(logical.plus(delay));
        }
    }

    @Test
    void theDelayIsTheSameOnEveryWorkerAndEveryRun() {
        Instant logical = Instant.parse("2026-03-29T01:00:00Z");
        Schedule rebuilt = Schedule.cron("0  *  * * *", "Europe/Berlin").jitter(Duration.ofMinutes(5));
        assertThat(Jitter.delay("NightlyLoad", rebuilt, logical)).isEqualTo(Jitter.delay("NightlyLoad", HOURLY, logical));
        // Pinned, so that a change of the derivation, which would move fires already planned, shows up here.
        assertThat(Jitter.delay("NightlyLoad", HOURLY, logical)).isEqualTo(Duration.ofNanos(PINNED_NANOS));
    }

    @Test
    void delaysSpreadAcrossFiresAndAcrossWorkflowsWithTheSameSchedule() {
        Instant logical = Instant.parse("2026-05-04T10:00:00Z");
        Set<Duration> perFire = new HashSet<>();
        for (Instant fire : FireTimes.of(HOURLY).between(logical, logical.plus(Duration.ofDays(1)))) {
            perFire.add(Jitter.delay("NightlyLoad", HOURLY, fire));
        }
        assertThat(perFire).hasSizeGreaterThan(20);
        assertThat(Jitter.delay("NightlyLoad", HOURLY, logical)).isNotEqualTo(Jitter.delay("PublishReport", HOURLY, logical));
        assertThat(Jitter.delay("NightlyLoad", HOURLY, logical)).isNotEqualTo(Jitter.delay("NightlyLoad", HOURLY.id("other"), logical));
    }

    @Test
    void noJitterMeansNoDelay() {
        Schedule plain = Schedule.every(Duration.ofMinutes(10));
        assertThat(Jitter.delay("w", plain, Instant.parse("2026-05-04T10:00:00Z"))).isZero();
    }

    @Test
    void aTinyJitterStaysBelowItsBound() {
        Schedule tiny = Schedule.every(Duration.ofMinutes(10)).jitter(Duration.ofNanos(1));
        assertThat(Jitter.delay("w", tiny, Instant.parse("2026-05-04T10:00:00Z"))).isZero();
    }
}
