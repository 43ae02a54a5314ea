package dev.baton.server.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.ErrorInfo;
import dev.baton.LogLine;
import dev.baton.RunInfo;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.TimelineEvent;

import java.util.List;

/**
 * One run: what it is and where it stands, what it waits for, its error with the stack trace,
 * its input and output, a Gantt timeline of its steps and attempts, every step with its
 * attempts, its event timeline and its logs; and the actions a live run allows (cancel, signal), and retry for a failed one.
 */
final class RunView {
    /** Log lines shown on the page; all of them are in the download. */
    static final int LOG_LINES = 2_000;

    private final Baton baton;
    private final ObjectMapper json;

    RunView(Baton baton, ObjectMapper json) {
        this.baton = baton;
        this.json = json;
    }

    /** @return the page, or null when there is no such run */
    String render(String runId) {
        RunInfo run = baton.findRun(runId).orElse(null);
        if (run == null) {
            return null;
        }
        List<StepInfo> steps = baton.steps(runId);
        Html html = new Html();
        html.raw("<div id=\"run-head\" data-live>");
        head(html, run, steps);
        html.raw("</div><div id=\"run-actions\" data-live>");
        actions(html, run, steps);
        html.raw("</div><div id=\"run-io\" data-live class=\"cols\">");
        io(html, run);
        html.raw("</div><section class=\"panel\"><h2>Timeline</h2><div id=\"run-gantt\" data-live class=\"scroll\">");
        GanttSvg.render(html, run, steps);
        html.raw("</div></section><section class=\"panel\"><h2>Steps</h2><div id=\"run-steps\" data-live class=\"scroll\">");
        steps(html, steps);
        html.raw("</div></section><section class=\"panel\"><h2>Logs <a class=\"more\" download href=\"/ui/runs/")
                .raw(Html.path(run.id())).raw("/logs.txt\">download all</a></h2><div id=\"run-logs\" data-live>");
        logs(html, run);
        html.raw("</div></section><section class=\"panel\"><h2>Events</h2><div id=\"run-events\" data-live>");
        events(html, baton.timeline(runId));
        html.raw("</div></section>");
        return Page.render("Run " + run.id(), Page.Section.RUNS, "run:" + run.id(), html);
    }

    private void head(Html html, RunInfo run, List<StepInfo> steps) {
        html.raw("<div class=\"wf-head\"><h1>Run <span class=\"run-id\">").text(run.id()).raw("</span></h1> ");
        html.raw("<span id=\"run-status\" class=\"").raw(Formats.statusClass(run.status())).raw("\">").text(run.status())
                .raw("</span>");
        if (run.cancelRequested() && !run.status().isTerminal()) {
            html.raw(" <span class=\"st st-cancelling\">CANCEL REQUESTED</span>");
        }
        html.raw("</div><dl class=\"facts\"><dt>Workflow</dt><dd>").link("/#wf-" + run.workflow(), run.workflow())
                .raw("</dd><dt>Created</dt><dd>").text(Formats.time(run.createdAt())).raw("</dd>")
                .raw("<dt>Started</dt><dd>").text(Formats.time(run.startedAt())).raw("</dd>")
                .raw("<dt>Ended</dt><dd>").text(Formats.time(run.endedAt())).raw("</dd>")
                .raw("<dt>Duration</dt><dd>").text(Formats.duration(run.startedAt(), run.endedAt())
                        + (run.endedAt() == null && run.startedAt() != null ? " so far" : "")).raw("</dd>");
        if (run.logicalTime() != null) {
            html.raw("<dt>Logical time</dt><dd>").text(Formats.time(run.logicalTime())).raw("</dd>");
        }
        if (run.codeVersion() != null) {
            html.raw("<dt>Code version</dt><dd>").text(run.codeVersion()).raw("</dd>");
        }
        if (run.parentRunId() != null) {
            html.raw("<dt>Parent run</dt><dd>").link("/ui/runs/" + Html.path(run.parentRunId()), run.parentRunId())
                    .raw("</dd>");
        }
        if (run.idempotencyKey() != null) {
            html.raw("<dt>Idempotency key</dt><dd>").text(run.idempotencyKey()).raw("</dd>");
        }
        if (run.owner() != null) {
            html.raw("<dt>Worker</dt><dd>").text(run.owner()).raw("</dd>");
        }
        html.raw("</dl>");
        if (run.status() == dev.baton.RunStatus.WAITING || run.waitingFor() != null) {
            html.raw("<div class=\"waiting-box\" id=\"run-waiting\"><strong>Waiting for</strong> ")
                    .text(run.waitingFor() == null ? "its next step" : run.waitingFor());
            if (run.wakeAt() != null) {
                html.text(" — until " + Formats.time(run.wakeAt()));
            }
            html.raw("</div>");
        }
        if (run.error() != null) {
            html.raw("<div class=\"error-box\" id=\"run-error\"><strong>").text(run.status() == dev.baton.RunStatus.CANCELLED
                    ? "Cancelled" : "Failed").raw(":</strong> <span class=\"error-summary\">").text(run.error().summary())
                    .raw("</span>");
            failedStep(steps).ifPresent(step -> html.raw(" <span class=\"muted\">").text("in step #" + step.seq() + " "
                    + step.name() + " after " + step.attempts().size() + " attempt(s)").raw("</span>"));
            stack(html, run.error(), true);
            html.raw("</div>");
        }
    }

    private static java.util.Optional<StepInfo> failedStep(List<StepInfo> steps) {
        return steps.stream().filter(s -> s.status() == StepStatus.FAILED).reduce((a, b) -> b);
    }

    private void actions(Html html, RunInfo run, List<StepInfo> steps) {
        if (run.status() == dev.baton.RunStatus.FAILED) {
            html.raw("<section class=\"panel actions\"><h2>Actions</h2><div class=\"action-row\">")
                    .raw("<form method=\"post\" data-action data-confirm=\"Retry run ").text(run.id())
                    .raw("? It resumes from its last checkpoint: completed steps are not executed again.\" action=\"/ui/runs/")
                    .raw(Html.path(run.id())).raw("/retry\"><button type=\"submit\" id=\"retry-run\">Retry run</button></form>")
                    .raw("</div><p class=\"muted\">Retrying keeps the run's id and history: the failed step runs again"
                            + " from its first attempt, the steps before it are replayed.</p></section>");
            return;
        }
        if (run.status().isTerminal()) {
            return;
        }
        String awaited = steps.stream().filter(s -> s.kind() == StepKind.SIGNAL && s.status() == StepStatus.WAITING)
                .map(StepInfo::name).reduce((a, b) -> b).orElse("");
        html.raw("<section class=\"panel actions\"><h2>Actions</h2><div class=\"action-row\">");
        html.raw("<form method=\"post\" data-action data-confirm=\"Cancel run ").text(run.id())
                .raw("? Running steps are interrupted and finally blocks run.\" action=\"/ui/runs/")
                .raw(Html.path(run.id())).raw("/cancel\"><button type=\"submit\" class=\"danger\" id=\"cancel-run\">Cancel run</button></form>");
        html.raw("<form method=\"post\" data-action class=\"signal\" action=\"/ui/runs/").raw(Html.path(run.id()))
                .raw("/signal\"><label>Signal<input name=\"name\" required value=\"").text(awaited).raw("\"")
                .raw(awaited.isEmpty() ? " placeholder=\"e.g. approve\"" : "").raw("></label>")
                .raw("<label>Payload (JSON)<input name=\"payload\" value=\"").text(awaited.isEmpty() ? "" : "true")
                .raw("\" placeholder=\"true\" spellcheck=\"false\"></label><button type=\"submit\" id=\"send-signal\">")
                .text(awaited.isEmpty() ? "Send signal" : "Send '" + awaited + "'").raw("</button></form>");
        html.raw("</div>");
        if (!awaited.isEmpty()) {
            html.raw("<p class=\"muted\">").text("The run awaits the signal '" + awaited
                    + "'; an approval is usually the payload true.").raw("</p>");
        }
        html.raw("</section>");
    }

    private void io(Html html, RunInfo run) {
        html.raw("<section class=\"panel\"><h2>Input</h2><pre class=\"json\" id=\"run-input\">").text(pretty(run.input()))
                .raw("</pre></section>");
        html.raw("<section class=\"panel\"><h2>Output</h2><pre class=\"json\" id=\"run-output\">")
                .text(run.output() == null ? (run.status().isTerminal() ? "(none)" : "(not yet)") : pretty(run.output()))
                .raw("</pre></section>");
    }

    private void steps(Html html, List<StepInfo> steps) {
        if (steps.isEmpty()) {
            html.raw("<p class=\"muted\">No steps yet.</p>");
            return;
        }
        html.raw("<table class=\"grid steps\"><thead><tr><th>#</th><th>Step</th><th>Kind</th><th>Status</th>")
                .raw("<th>Started</th><th>Duration</th><th>Attempts</th><th>Result or detail</th></tr></thead><tbody>");
        for (StepInfo step : steps) {
            html.raw("<tr><td>").text(step.seq()).raw("</td><td>").text(step.name()).raw("</td><td>")
                    .text(step.kind().name().toLowerCase(java.util.Locale.ROOT)).raw("</td><td>");
            Formats.badge(html, step.status());
            html.raw("</td><td>").text(Formats.time(step.startedAt())).raw("</td><td>")
                    .text(Formats.duration(step.startedAt(), step.endedAt())).raw("</td><td>").text(step.attempts().size())
                    .raw("</td><td class=\"detail\">");
            if (step.kind() == StepKind.CHILD && step.detail() != null) {
                html.text("child run ").link("/ui/runs/" + Html.path(step.detail()), step.detail());
            } else if (step.detail() != null) {
                html.text(step.detail());
            }
            if (step.wakeAt() != null && step.status() == StepStatus.WAITING) {
                html.text(" until " + Formats.time(step.wakeAt()));
            }
            if (step.output() != null) {
                html.raw("<code class=\"out\">").text(CatalogView.clip(step.output(), 300)).raw("</code>");
            }
            html.raw("</td></tr>");
            for (AttemptInfo attempt : step.attempts()) {
                if (attempt.error() == null) {
                    continue;
                }
                html.raw("<tr class=\"attempt\"><td></td><td colspan=\"7\"><span class=\"muted\">")
                        .text("attempt " + attempt.attempt() + ", " + Formats.time(attempt.startedAt()) + ", "
                                + Formats.duration(attempt.startedAt(), attempt.endedAt()) + ":")
                        .raw("</span> <span class=\"err-inline\">").text(attempt.error().summary()).raw("</span>");
                if (attempt.nextAttemptAt() != null) {
                    html.raw(" <span class=\"muted\">").text("retried at " + Formats.time(attempt.nextAttemptAt()))
                            .raw("</span>");
                }
                stack(html, attempt.error(), false);
                html.raw("</td></tr>");
            }
        }
        html.raw("</tbody></table>");
    }

    private void logs(Html html, RunInfo run) {
        List<LogLine> lines = baton.logs(run.id(), 0, LOG_LINES + 1);
        if (lines.isEmpty()) {
            html.raw("<p class=\"muted\">No log lines.</p>");
            return;
        }
        html.raw("<pre class=\"logs\" id=\"log-lines\">");
        for (int i = 0; i < Math.min(LOG_LINES, lines.size()); i++) {
            LogLine line = lines.get(i);
            html.raw("<span class=\"log-").text(line.stream()).raw("\"><span class=\"log-meta\">")
                    .text(Formats.time(line.at()) + " #" + line.seq() + "." + line.attempt() + " " + line.stream())
                    .raw("</span> ").text(line.line()).raw("</span>\n");
        }
        html.raw("</pre>");
        if (lines.size() > LOG_LINES) {
            html.raw("<p class=\"muted\">").text("The first " + LOG_LINES + " lines are shown; download all for the rest.")
                    .raw("</p>");
        }
    }

    private static void events(Html html, List<TimelineEvent> events) {
        html.raw("<ol class=\"events\">");
        for (TimelineEvent event : events) {
            html.raw("<li><span class=\"muted\">").text(Formats.time(event.at())).raw("</span> <strong>")
                    .text(event.type()).raw("</strong> ").text(event.detail()).raw("</li>");
        }
        html.raw("</ol>");
    }

    private static void stack(Html html, ErrorInfo error, boolean open) {
        if (error.stackTrace() == null || error.stackTrace().isBlank()) {
            return;
        }
        html.raw("<details class=\"stack\"").raw(open ? " open" : "").raw("><summary>stack trace</summary><pre>")
                .text(error.stackTrace()).raw("</pre></details>");
    }

    private String pretty(String jsonText) {
        if (jsonText == null) {
            return "null";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(jsonText));
        } catch (Exception e) {
            return jsonText;
        }
    }
}
