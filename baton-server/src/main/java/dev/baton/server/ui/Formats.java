package dev.baton.server.ui;

import dev.baton.RunStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times, durations and states read on the pages: UTC times, short durations. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** @param at an instant or null @return e.g. {@code 2026-11-26 02:53:03Z}, or a dash */
    static String time(Instant at) {
        return at == null ? "—" : TIME.format(at) + "Z";
    }

    /** @param from a start @param to an end, or null for now @return e.g. {@code 1.2 s}, {@code 3 min 4 s} */
    static String duration(Instant from, Instant to) {
        if (from == null) {
            return "—";
        }
        return duration(Duration.between(from, to == null ? Instant.now() : to));
    }

    /** @param d a duration @return it in the largest two units that matter */
    static String duration(Duration d) {
        long ms = Math.abs(d.toMillis());
        String sign = d.isNegative() ? "-" : "";
        if (ms < 1_000) {
            return sign + ms + " ms";
        }
        if (ms < 60_000) {
            return sign + String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return sign + (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86_400) {
            return sign + (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return sign + (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }

    /** @param status a run's state @return the CSS class of its badge */
    static String statusClass(Object status) {
        return "st st-" + String.valueOf(status).toLowerCase(java.util.Locale.ROOT);
    }

    /** Appends a state badge. */
    static void badge(Html html, Object status) {
        html.raw("<span class=\"").raw(statusClass(status)).raw("\">").text(status).raw("</span>");
    }

    /** @param status a run state @return whether actions that need a live run apply */
    static boolean live(RunStatus status) {
        return !status.isTerminal();
    }
}
