package dev.baton.steps;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds, or an HTTP
 * date. A date is measured from the response's own {@code Date} header when it has one, so that
 * a difference between the server's clock and ours does not matter.
 */
final class RetryAfterHeader {
    /** The longest wait taken from a header; longer ones are read as this, so that no arithmetic overflows. */
    static final Duration MAX = Duration.ofDays(365);

    private RetryAfterHeader() {
    }

    /**
     * @param value the header's value, or null
     * @param date  the response's {@code Date} header, or null
     * @param now   our clock's time, used when the response has no usable date
     * @return the wait, from zero to {@link #MAX}; null when the header is absent or unreadable
     */
    static Duration parse(String value, String date, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return min(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                return null;
            }
        }
        Instant at = httpDate(text);
        if (at == null) {
            return null;
        }
        Instant reference = date == null ? null : httpDate(date.strip());
        Duration wait = Duration.between(reference != null ? reference : now, at);
        return wait.isNegative() ? Duration.ZERO : min(wait);
    }

    private static Duration min(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }

    private static Instant httpDate(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
