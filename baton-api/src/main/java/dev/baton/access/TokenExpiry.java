package dev.baton.access;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a token's lifetime as people write it: {@code 30d}, {@code 12h}, {@code 90m}, an ISO instant, or {@code never}. */
public final class TokenExpiry {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([dhm])");

    private TokenExpiry() {
    }

    /**
     * @param text e.g. {@code 30d}
     * @param now  the moment the token is created
     * @return when the token expires, or null for {@code never}
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text, Instant now) {
        String value = text == null ? "" : text.strip();
        if (value.equalsIgnoreCase("never")) {
            return null;
        }
        Matcher m = SPAN.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            if (n < 1) {
                throw new IllegalArgumentException("a token's lifetime must be positive, was '" + value + "'");
            }
            return now.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            });
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read the expiry '" + value + "'; give a lifetime such as 30d, "
                    + "12h or 90m, an instant such as 2027-01-01T00:00:00Z, or never");
        }
    }
}
