package dev.baton.engine.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Durations} from JSON:
 *
 * <pre>{@code
 * {
 *   "zone": "Europe/Berlin",
 *   "default": "1m",
 *   "workflows": {
 *     "NightlyLoad":   { "p50": "1h", "p90": "1h15m", "max": "1h30m", "deadline": "4h" },
 *     "PublishReport": { "fixed": "5m", "deadline": "3h" },
 *     "HourlyRefresh": "10m"
 *   },
 *   "overrides": [
 *     { "workflow": "NightlyLoad", "date": "2027-07-01", "factor": 3, "why": "month-end close of June" },
 *     { "workflow": "NightlyLoad", "date": "2027-03-28", "takes": "2h" }
 *   ]
 * }
 * }</pre>
 *
 * Every field is optional. Durations are ISO-8601 ({@code PT1H30M}) or short ({@code 1h30m},
 * {@code 45m}, {@code 90s}, {@code 2d}). A workflow is a duration (fixed) or an object with
 * {@code fixed}, or {@code p50} (with optional {@code p90} and {@code max}, which default to the
 * one before), and an optional {@code deadline}: how long after its logical time a run must have
 * ended. Override dates are logical dates in {@code zone} (default UTC). Unknown fields are
 * refused, so that a typo does not silently fall back to a default.
 */
public final class DurationsFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private DurationsFile() {
    }

    /**
     * @param file a durations file
     * @return its durations
     * @throws DurationsFormatException naming the file, the field and what is expected
     */
    public static Durations read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new DurationsFormatException("cannot read the durations file " + file + ": " + e, e);
        }
        try {
            return parse(text);
        } catch (DurationsFormatException e) {
            throw new DurationsFormatException("durations file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json the JSON text
     * @return its durations
     * @throws DurationsFormatException naming the field and what is expected
     */
    public static Durations parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DurationsFormatException("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DurationsFormatException("expected a JSON object with workflows, overrides, default and zone", null);
        }
        try {
            onlyFields(root, "", Set.of("zone", "default", "workflows", "overrides"));
            Durations durations = root.has("default") ? Durations.of(duration(root.get("default"), "default"))
                    : Durations.defaults();
            if (root.has("zone")) {
                durations = durations.inZone(zone(root.get("zone")));
            }
            JsonNode workflows = root.path("workflows");
            if (!workflows.isMissingNode()) {
                if (!workflows.isObject()) {
                    throw new DurationsFormatException("workflows must be an object of workflow name to duration", null);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = workflows.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    durations = workflow(durations, e.getKey(), e.getValue());
                }
            }
            JsonNode overrides = root.path("overrides");
            if (!overrides.isMissingNode()) {
                if (!overrides.isArray()) {
                    throw new DurationsFormatException("overrides must be an array of {workflow, date, factor or takes}", null);
                }
                int i = 0;
                for (JsonNode o : overrides) {
                    durations = override(durations, o, "overrides[" + i++ + "]");
                }
            }
            return durations;
        } catch (IllegalArgumentException e) {
            throw new DurationsFormatException(e.getMessage(), e);
        }
    }

    private static Durations workflow(Durations durations, String name, JsonNode node) {
        String where = "workflows." + name;
        if (node.isTextual()) {
            return durations.with(name, duration(node, where));
        }
        if (!node.isObject()) {
            throw new DurationsFormatException(where + " must be a duration such as \"10m\" or an object with fixed or "
                    + "p50/p90/max and deadline", null);
        }
        onlyFields(node, where + ".", Set.of("fixed", "p50", "p90", "max", "deadline"));
        if (node.has("fixed") && (node.has("p50") || node.has("p90") || node.has("max"))) {
            throw new DurationsFormatException(where + " has fixed and percentiles: give one or the other", null);
        }
        if (node.has("fixed")) {
            durations = durations.with(name, duration(node.get("fixed"), where + ".fixed"));
        } else if (node.has("p50")) {
            Duration p50 = duration(node.get("p50"), where + ".p50");
            Duration p90 = node.has("p90") ? duration(node.get("p90"), where + ".p90") : p50;
            Duration max = node.has("max") ? duration(node.get("max"), where + ".max") : p90;
            try {
                durations = durations.with(name, p50, p90, max);
            } catch (IllegalArgumentException e) {
                throw new DurationsFormatException(where + ": " + e.getMessage(), e);
            }
        } else if (node.has("p90") || node.has("max")) {
            throw new DurationsFormatException(where + " has p90 or max without p50", null);
        }
        if (node.has("deadline")) {
            durations = durations.deadline(name, duration(node.get("deadline"), where + ".deadline"));
        }
        return durations;
    }

    private static Durations override(Durations durations, JsonNode node, String where) {
        if (!node.isObject()) {
            throw new DurationsFormatException(where + " must be an object {workflow, date, factor or takes, why}", null);
        }
        onlyFields(node, where + ".", Set.of("workflow", "date", "factor", "takes", "why"));
        if (!node.path("workflow").isTextual()) {
            throw new DurationsFormatException(where + ".workflow must be a workflow's name", null);
        }
        String workflow = node.get("workflow").asText();
        LocalDate date;
        try {
            date = LocalDate.parse(node.path("date").asText(""));
        } catch (DateTimeException e) {
            throw new DurationsFormatException(where + ".date must be a date such as 2027-07-01, was "
                    + node.path("date"), e);
        }
        String why = node.has("why") ? node.get("why").asText() : null;
        if (node.has("factor") == node.has("takes")) {
            throw new DurationsFormatException(where + " needs exactly one of factor (a multiple of the usual duration)"
                    + " and takes (a duration)", null);
        }
        if (node.has("factor")) {
            if (!node.get("factor").isNumber() || !(node.get("factor").doubleValue() > 0)) {
                throw new DurationsFormatException(where + ".factor must be a number > 0, was " + node.get("factor"), null);
            }
            return durations.scaledOn(workflow, date, node.get("factor").doubleValue(), why);
        }
        return durations.takesOn(workflow, date, duration(node.get("takes"), where + ".takes"), why);
    }

    /**
     * @param text {@code PT1H30M} or {@code 1h30m}, {@code 45m}, {@code 90s}, {@code 2d}
     * @return the duration, greater than zero
     * @throws IllegalArgumentException when it is neither, or not positive
     */
    public static Duration parseDuration(String text) {
        String value = text.strip();
        Duration parsed = null;
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeException e) {
                parsed = null;
            }
        } else {
            Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
            if (!value.isEmpty() && m.matches()) {
                parsed = Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                        .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
            }
        }
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("expected a duration > 0 such as \"1h30m\", \"45m\", \"90s\" or \"PT1H30M\", was \""
                    + text + "\"");
        }
        return parsed;
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static Duration duration(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw new DurationsFormatException(where + " must be a duration such as \"1h30m\" or \"PT1H30M\", was " + node, null);
        }
        try {
            return parseDuration(node.asText());
        } catch (IllegalArgumentException e) {
            throw new DurationsFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static ZoneId zone(JsonNode node) {
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            throw new DurationsFormatException("zone must be a time-zone id such as Europe/Berlin, was " + node, e);
        }
    }

    private static void onlyFields(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new DurationsFormatException("unknown field " + prefix + field + "; known: "
                        + String.join(", ", known.stream().sorted().toList()), null);
            }
        }
    }
}
