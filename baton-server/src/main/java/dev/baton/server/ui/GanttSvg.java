package dev.baton.server.ui;

import dev.baton.AttemptInfo;
import dev.baton.RunInfo;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run's timeline as a Gantt chart in SVG: one row per durable call, one bar per attempt (failed
 * attempts red, the gap before a retry dotted), waits (sleeps, signals, child runs) hatched. The
 * time axis runs from the run's creation to its end, or to now while it runs.
 */
final class GanttSvg {
    private static final int LABEL_W = 200;
    private static final int CHART_W = 720;
    private static final int ROW_H = 22;
    private static final int TOP = 24;
    /** Rows drawn at most; the steps table below lists every call. */
    static final int MAX_ROWS = 200;

    private GanttSvg() {
    }

    static void render(Html html, RunInfo run, List<StepInfo> steps) {
        if (steps.isEmpty()) {
            html.raw("<p class=\"muted\">No steps yet.</p>");
            return;
        }
        Instant start = run.createdAt();
        Instant end = run.endedAt() != null ? run.endedAt() : Instant.now();
        for (StepInfo step : steps) {
            Instant stepEnd = step.endedAt() != null ? step.endedAt() : step.wakeAt();
            if (stepEnd != null && stepEnd.isAfter(end)) {
                end = stepEnd;
            }
        }
        long span = Math.max(1, Duration.between(start, end).toMillis());
        List<StepInfo> shown = steps.size() > MAX_ROWS ? steps.subList(0, MAX_ROWS) : steps;
        int height = TOP + shown.size() * ROW_H + 8;
        int width = LABEL_W + CHART_W + 10;
        html.raw("<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"" + width + "\" height=\"" + height + "\" role=\"img\" aria-label=\"step timeline\">");
        for (int tick = 0; tick <= 4; tick++) {
            int x = LABEL_W + tick * CHART_W / 4;
            html.raw("<line class=\"tick\" x1=\"" + x + "\" y1=\"" + (TOP - 6) + "\" x2=\"" + x + "\" y2=\"" + height
                    + "\"/><text class=\"tick-label\" x=\"" + x + "\" y=\"" + (TOP - 10) + "\" text-anchor=\""
                    + (tick == 0 ? "start" : tick == 4 ? "end" : "middle") + "\">")
                    .text("+" + Formats.duration(Duration.ofMillis(span * tick / 4))).raw("</text>");
        }
        int row = 0;
        for (StepInfo step : shown) {
            int y = TOP + row * ROW_H;
            html.raw("<text class=\"gantt-label\" x=\"4\" y=\"" + (y + 15) + "\">")
                    .text(CatalogView.clip("#" + step.seq() + " " + step.name(), 28)).raw("</text>");
            boolean wait = step.kind() == StepKind.SLEEP || step.kind() == StepKind.SIGNAL || step.kind() == StepKind.CHILD;
            if (wait || step.attempts().isEmpty()) {
                Instant from = step.startedAt() != null ? step.startedAt() : start;
                Instant to = step.endedAt() != null ? step.endedAt() : run.endedAt() != null ? run.endedAt() : end;
                bar(html, x(from, start, span), x(to, start, span), y, wait && step.status() == StepStatus.WAITING
                        ? "bar wait" : "bar " + css(step.status()), step.name() + " (" + step.kind() + ", "
                        + step.status() + ") " + Formats.duration(from, step.endedAt())
                        + (step.detail() == null ? "" : ": " + step.detail()));
            } else {
                AttemptInfo previous = null;
                for (AttemptInfo attempt : step.attempts()) {
                    if (previous != null && previous.endedAt() != null && attempt.startedAt() != null) {
                        html.raw("<line class=\"backoff\" x1=\"" + x(previous.endedAt(), start, span) + "\" y1=\"" + (y + 10)
                                + "\" x2=\"" + x(attempt.startedAt(), start, span) + "\" y2=\"" + (y + 10) + "\"/>");
                    }
                    Instant to = attempt.endedAt() != null ? attempt.endedAt() : run.endedAt() != null ? run.endedAt() : end;
                    String cls = attempt.error() != null ? "bar failed"
                            : attempt.endedAt() == null ? "bar running" : "bar completed";
                    bar(html, x(attempt.startedAt(), start, span), x(to, start, span), y, cls, step.name() + " attempt "
                            + attempt.attempt() + ": " + Formats.duration(attempt.startedAt(), attempt.endedAt())
                            + (attempt.error() == null ? "" : ", " + attempt.error().summary()));
                    previous = attempt;
                }
            }
            row++;
        }
        html.raw("</svg>");
        if (shown.size() < steps.size()) {
            html.raw("<p class=\"muted\">").text("The first " + MAX_ROWS + " of " + steps.size()
                    + " calls are drawn; the table below lists them all.").raw("</p>");
        }
    }

    private static void bar(Html html, int x1, int x2, int y, String cls, String title) {
        int w = Math.max(3, x2 - x1);
        html.raw("<rect class=\"" + cls + "\" x=\"" + x1 + "\" y=\"" + (y + 4) + "\" width=\"" + w + "\" height=\""
                + (ROW_H - 8) + "\" rx=\"3\"><title>").text(title).raw("</title></rect>");
    }

    private static int x(Instant at, Instant start, long span) {
        if (at == null) {
            return LABEL_W;
        }
        long ms = Math.max(0, Math.min(span, Duration.between(start, at).toMillis()));
        return LABEL_W + (int) (ms * CHART_W / span);
    }

    private static String css(StepStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
