package dev.baton.server.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.InvalidInputException;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.RunStateException;
import dev.baton.StartOptions;
import dev.baton.WorkflowNotFoundException;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UI's actions: cancel, retry, signal, start, pause, resume, backfill. Each is a POST that calls the
 * Baton API and answers in words: JSON {@code {"ok","message","location"}} to the page's script,
 * a small page to a browser without script. Refusals (a finished run, a malformed payload, an
 * unknown schedule) are answered with a status code and a message that says what to do.
 */
final class UiActions {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UiActions.class);
    /** Raised for a request the action refuses; the message is shown as is. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Baton baton;
    private final ObjectMapper json;
    private final EventStream events;

    UiActions(Baton baton, ObjectMapper json, EventStream events) {
        this.baton = baton;
        this.json = json;
        this.events = events;
    }

    void cancel(Context ctx) {
        String runId = ctx.pathParam("id");
        RunInfo run = run(runId);
        if (run.status().isTerminal()) {
            throw new Refused(409, "run " + runId + " has already ended (" + run.status() + "); there is nothing to cancel");
        }
        baton.cancel(runId);
        events.changed(runId);
        answer(ctx, "Cancellation of run " + runId + " requested: running steps are interrupted and its finally blocks run.",
                null);
    }

    void retry(Context ctx) {
        String runId = ctx.pathParam("id");
        RunInfo run = run(runId);
        if (run.status() != dev.baton.RunStatus.FAILED) {
            throw new Refused(409, "run " + runId + " is " + run.status() + ", not FAILED; only a failed run can be retried");
        }
        try {
            baton.retry(runId);
        } catch (dev.baton.RunStateException e) {
            throw new Refused(409, e.getMessage());
        }
        events.changed(runId);
        answer(ctx, "Run " + runId + " retried: it resumes from its last checkpoint.", null);
    }

    void signal(Context ctx) {
        String runId = ctx.pathParam("id");
        String name = form(ctx, "name");
        if (name.isBlank()) {
            throw new Refused(400, "give the signal's name, e.g. approve");
        }
        String payload = form(ctx, "payload");
        String payloadJson = payload.isBlank() ? "null" : payload;
        try {
            json.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            throw new Refused(400, "the payload of signal '" + name + "' is not valid JSON: "
                    + e.getOriginalMessage() + "; give e.g. true, 42, \"text\" or {\"key\": \"value\"}");
        }
        RunInfo run = run(runId);
        if (run.status().isTerminal()) {
            throw new Refused(409, "run " + runId + " has already ended (" + run.status() + "); it takes no more signals");
        }
        baton.signalJson(runId, name, payloadJson);
        events.changed(runId);
        answer(ctx, "Signal '" + name + "' sent to run " + runId + ".", null);
    }

    void start(Context ctx) {
        String workflow = ctx.pathParam("name");
        String input = form(ctx, "input");
        String runId = form(ctx, "runId").strip();
        StartOptions options = runId.isEmpty() ? StartOptions.defaults() : StartOptions.runId(runId);
        RunHandle run = baton.startJson(workflow, input.isBlank() ? null : input, options);
        events.changed(run.runId());
        answer(ctx, run.created() ? "Run " + run.runId() + " of " + workflow + " started."
                : "Run " + run.runId() + " already exists; nothing was started twice.", "/ui/runs/" + Html.path(run.runId()));
    }

    void pause(Context ctx, boolean paused) {
        String workflow = ctx.pathParam("workflow");
        String schedule = ctx.pathParam("schedule");
        if (paused) {
            baton.pauseSchedule(workflow, schedule);
        } else {
            baton.resumeSchedule(workflow, schedule);
        }
        answer(ctx, "Schedule " + schedule + " of " + workflow + (paused ? " paused: it fires no more until resumed."
                : " resumed."), null);
    }

    void backfill(Context ctx) {
        String workflow = ctx.pathParam("workflow");
        String schedule = ctx.pathParam("schedule");
        List<String> problems = new ArrayList<>();
        Instant from = RunsView.parseTime(form(ctx, "from"), "from", problems);
        Instant to = RunsView.parseTime(form(ctx, "to"), "to", problems);
        if (from == null || to == null) {
            problems.add("give both ends of the range, 'from' (included) and 'to' (excluded)");
        }
        int parallelism;
        try {
            parallelism = Integer.parseInt(form(ctx, "parallelism").isBlank() ? "1" : form(ctx, "parallelism").strip());
        } catch (NumberFormatException e) {
            problems.add("'parallelism' must be a whole number, at least 1");
            parallelism = 1;
        }
        if (!problems.isEmpty()) {
            throw new Refused(400, String.join("; ", problems));
        }
        List<String> runs = baton.backfill(workflow, schedule, from, to, parallelism);
        answer(ctx, "Backfill of " + workflow + " · " + schedule + " from " + Formats.time(from) + " to " + Formats.time(to)
                + ": " + runs.size() + " run(s)" + (runs.isEmpty() ? " (the schedule names no time in that range)." : "."),
                null);
    }

    /** Turns the API's refusals into answers; anything else is a server error, still said in words. */
    void failed(Exception e, Context ctx) {
        int status;
        if (e instanceof Refused refused) {
            status = refused.status;
        } else if (e instanceof RunNotFoundException || e instanceof WorkflowNotFoundException) {
            status = 404;
        } else if (e instanceof RunStateException) {
            status = 409;
        } else if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
            status = 400;
        } else {
            // A store failure or a bug: the operator sees the message, the log keeps the stack trace.
            status = 500;
            log.warn("UI action {} {} failed", ctx.method(), ctx.path(), e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        ctx.status(status);
        reply(ctx, false, message, null);
    }

    private RunInfo run(String runId) {
        return baton.findRun(runId).orElseThrow(() -> new Refused(404, "there is no run " + runId));
    }

    private static String form(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    private void answer(Context ctx, String message, String location) {
        reply(ctx, true, message, location);
    }

    private void reply(Context ctx, boolean ok, String message, String location) {
        if (fromScript(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", ok);
            body.put("message", message);
            body.put("location", location);
            try {
                ctx.contentType("application/json").result(json.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        String back = location != null ? location : safeBack(ctx.header("Referer"));
        Html html = new Html();
        html.raw("<h1>").text(ok ? "Done" : "Refused").raw("</h1><p class=\"").raw(ok ? "ok-box" : "error-box").raw("\">")
                .text(message).raw("</p><p>").link(back, "back").raw("</p>");
        ctx.contentType("text/html; charset=utf-8").result(Page.render(ok ? "Done" : "Refused", null, "none", html));
    }

    private static boolean fromScript(Context ctx) {
        return "baton-ui".equals(ctx.header("X-Requested-With"));
    }

    /** Goes back only to a page of this server. */
    private static String safeBack(String referer) {
        if (referer == null) {
            return "/";
        }
        int path = referer.indexOf('/', referer.indexOf("//") + 2);
        return referer.contains("//") && path > 0 ? referer.substring(path) : "/";
    }
}
