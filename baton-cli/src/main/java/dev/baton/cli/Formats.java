package dev.baton.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/** How the CLI writes times, durations, ids and values for people. */
final class Formats {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:/@%+=,-]+");

    private final ZoneId zone;

    /** @param zone the zone times are shown in */
    Formats(ZoneId zone) {
        this.zone = zone;
    }

    /** @return formats in the system's time zone */
    static Formats local() {
        return new Formats(ZoneId.systemDefault());
    }

    /** @param at an instant, or null @return local ISO date-time without fractions, e.g. 2025-11-25T23:50:12; "-" for null */
    String dateTime(Instant at) {
        if (at == null) {
            return "-";
        }
        return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * @param at  an instant
     * @param now the present
     * @return local time alone when it falls on today's date (23:50:12), else the date-time
     */
    String when(Instant at, Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return local.toLocalDate().equals(LocalDateTime.ofInstant(now, zone).toLocalDate()) ? time(at) : dateTime(at);
    }

    /** @param at an instant @return local wall-clock time, e.g. 23:50:12 */
    String time(Instant at) {
        return LocalDateTime.ofInstant(at, zone).format(LOCAL_TIME);
    }

    /**
     * @param duration a duration, or null
     * @return e.g. {@code 340ms}, {@code 1.2s}, {@code 2m05s}, {@code 3h02m}, {@code 2d04h}; "-" for null
     */
    static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long ms = Math.max(0, duration.toMillis());
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            long tenths = Math.round(ms / 100.0);
            return tenths % 10 == 0 && tenths >= 100 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        long s = ms / 1_000;
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, (s % 3_600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, (s % 86_400) / 3_600);
    }

    /** @param from start, or null @param to end, or null for now @return the duration between, or null */
    static Duration between(Instant from, Instant to, Instant now) {
        if (from == null) {
            return null;
        }
        return Duration.between(from, to == null ? now : to);
    }

    /**
     * A run id short enough for progress lines: the random tail of a generated (UUID) id, a
     * caller-chosen id as it is when short.
     *
     * @param runId a run's id
     * @return its short form
     */
    static String shortId(String runId) {
        if (UUID.matcher(runId).matches()) {
            return runId.substring(runId.length() - 8);
        }
        // A child run's id is its parent's id plus ".seq": keep the seq visible.
        int dot = runId.lastIndexOf('.');
        if (dot > 0 && UUID.matcher(runId.substring(0, dot)).matches()) {
            return runId.substring(dot - 8);
        }
        return runId.length() <= 16 ? runId : runId.substring(0, 15) + "…";
    }

    /** @param text text, or null @param max the most characters @return the text cut to max, with "…" when cut */
    static String abbreviate(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** @param word an argument @return it quoted for a POSIX shell when needed */
    static String shellQuote(String word) {
        if (!word.isEmpty() && SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** @param type a class name @return the part after the last dot */
    static String simpleType(String type) {
        if (type == null) {
            return "";
        }
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
