package dev.baton.server;

import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, read strictly: an unknown parameter, a repeated one or a value
 * that does not parse is refused with 400 naming it, so that a misspelt filter never silently
 * returns everything.
 */
final class QueryParams {
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param ctx     the request
     * @param allowed the parameters the route takes
     * @return its parameters
     * @throws ApiException 400 naming an unknown or repeated parameter
     */
    static QueryParams of(Context ctx, Set<String> allowed) {
        Map<String, List<String>> values = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw ApiException.badField(entry.getKey(), "unknown query parameter '" + entry.getKey() + "'; "
                        + (allowed.isEmpty() ? "this route takes none" : "allowed: "
                        + String.join(", ", allowed.stream().sorted().toList())));
            }
            if (entry.getValue().size() > 1) {
                throw ApiException.badField(entry.getKey(), "query parameter '" + entry.getKey()
                        + "' is given " + entry.getValue().size() + " times; give it once"
                        + (entry.getKey().equals("status") ? " (several states: status=FAILED,CANCELLED)" : ""));
            }
        }
        return new QueryParams(values);
    }

    /** @return the value, or null when absent or empty */
    String string(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty() || list.get(0).isEmpty()) {
            return null;
        }
        return list.get(0);
    }

    /** @return the integer value in [min, max], or {@code fallback} when absent */
    long integer(String name, long fallback, long min, long max) {
        String text = string(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "'" + name + "' must be an integer from " + min + " to " + max
                    + ", was '" + text + "'");
        }
        if (value < min || value > max) {
            throw ApiException.badField(name, "'" + name + "' must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    /** @return the ISO-8601 instant, or null when absent */
    Instant instant(String name) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(name, "'" + name + "' must be an ISO-8601 instant such as "
                    + "2026-11-01T00:00:00Z, was '" + text + "'");
        }
    }
}
