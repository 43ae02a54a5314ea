package dev.baton.steps;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterHeaderTest {
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void readsSeconds() {
        assertThat(RetryAfterHeader.parse("120", null, NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfterHeader.parse(" 0 ", null, NOW)).isZero();
    }

    @Test
    void measuresAnHttpDateFromTheResponsesDate() {
        assertThat(RetryAfterHeader.parse("Wed, 21 Oct 2015 07:28:30 GMT", "Wed, 21 Oct 2015 07:28:00 GMT", NOW))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void measuresAnHttpDateFromOurClockWithoutAResponseDate() {
        assertThat(RetryAfterHeader.parse("Thu, 15 Jan 2026 10:01:30 GMT", null, NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfterHeader.parse("Thu, 15 Jan 2026 10:01:30 GMT", "not a date", NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anAbsurdWaitIsReadAsAYear() {
        assertThat(RetryAfterHeader.parse(Long.toString(Long.MAX_VALUE), null, NOW)).isEqualTo(Duration.ofDays(365));
        assertThat(RetryAfterHeader.parse("Fri, 31 Dec 9999 23:59:59 GMT", null, NOW)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfterHeader.parse("Thu, 15 Jan 2026 09:00:00 GMT", null, NOW)).isZero();
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfterHeader.parse(null, null, NOW)).isNull();
        assertThat(RetryAfterHeader.parse("", null, NOW)).isNull();
        assertThat(RetryAfterHeader.parse("-5", null, NOW)).isNull();
        assertThat(RetryAfterHeader.parse("1.5", null, NOW)).isNull();
        assertThat(RetryAfterHeader.parse("tomorrow", null, NOW)).isNull();
        assertThat(RetryAfterHeader.parse("99999999999999999999999", null, NOW)).isNull();
    }
}
