package dev.baton.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Baton;
import dev.baton.DeployedManifest;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.RunQuery;
import dev.baton.RunStateException;
import dev.baton.RunStatus;
import dev.baton.ScheduleInfo;
import dev.baton.StartOptions;
import dev.baton.WorkflowInfo;
import dev.baton.WorkflowNotFoundException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON API under {@code /api/}, described by the OpenAPI document it serves at
 * {@code /api/openapi.json} (a resource written by hand; a test checks that every route
 * registered here appears in it). Every handler answers errors as JSON ({@link ApiErrors}).
 */
final class ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    /** The most runs one page of {@code GET /api/runs} holds. */
    static final int MAX_PAGE = 10_000;
    /** A page's size when the request does not say. */
    static final int DEFAULT_PAGE = 50;
    /** The most log lines one request returns. */
    static final int MAX_LOG_LINES = 10_000;
    static final String OPENAPI_RESOURCE = "openapi.json";
    /** The media type of {@code GET /api/histories}: JSON Lines. */
    static final String HISTORIES_TYPE = "application/x-ndjson";

    private final ServerContext context;
    private final Baton baton;
    private final ObjectMapper json;
    private final ApiJson shapes;

    private ApiRoutes(ServerContext context) {
        this.context = context;
        this.baton = context.baton();
        this.json = context.json();
        this.shapes = new ApiJson(json);
    }

    static void register(JavalinConfig config, ServerContext context) {
        new ApiRoutes(context).registerAll(config);
    }

    private void registerAll(JavalinConfig config) {
        config.http.maxRequestSize = context.maxBodyBytes();
        byte[] openApi = openApiDocument();
        get(config, "/api/health", ctx -> ok(ctx, Map.of("status", "up")));
        get(config, "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        get(config, "/api/workflows", this::workflows);
        get(config, "/api/workflows/{name}", this::workflow);
        get(config, "/api/runs", this::runs);
        post(config, "/api/runs", this::startRun);
        get(config, "/api/runs/{id}", this::run);
        get(config, "/api/runs/{id}/steps", this::steps);
        get(config, "/api/runs/{id}/timeline", this::timeline);
        get(config, "/api/runs/{id}/logs", this::logs);
        post(config, "/api/runs/{id}/cancel", this::cancel);
        post(config, "/api/runs/{id}/retry", this::retry);
        post(config, "/api/runs/{id}/signals", this::signal);
        get(config, "/api/schedules", this::schedules);
        get(config, "/api/deployments", this::deployments);
        get(config, "/api/manifest", this::manifest);
        get(config, "/api/histories", this::histories);
        get(config, "/api/schedules/{workflow}/{schedule}/fires", this::fires);
        post(config, "/api/schedules/{workflow}/{schedule}/pause", ctx -> pause(ctx, true));
        post(config, "/api/schedules/{workflow}/{schedule}/resume", ctx -> pause(ctx, false));
        post(config, "/api/schedules/{workflow}/{schedule}/backfill", this::backfill);
        // A path under /api/ that no route matches is answered in JSON too. An after-handler rather
        // than an exception handler, so that the rest of the server keeps its own answer to 404.
        config.routes.after("/api/*", ctx -> {
            String type = ctx.res().getContentType();
            if (ctx.status().getCode() == 404 && (type == null || !type.startsWith("application/json"))) {
                ApiErrors.write(ctx, json, 404, "no route " + ctx.method() + " " + ctx.path()
                        + "; the routes are listed in /api/openapi.json", null);
            }
        });
    }

    // ---- workflows ----

    private void workflows(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ok(ctx, Map.of("workflows", baton.workflows()));
    }

    private void workflow(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ok(ctx, requireWorkflow(ctx.pathParam("name")));
    }

    private WorkflowInfo requireWorkflow(String name) {
        List<WorkflowInfo> all = baton.workflows();
        return all.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new WorkflowNotFoundException(name, all.stream().map(WorkflowInfo::name).toList()));
    }

    // ---- runs ----

    private void runs(Context ctx) {
        QueryParams params = QueryParams.of(ctx,
                Set.of("workflow", "status", "createdAfter", "createdBefore", "limit", "offset"));
        Set<RunStatus> statuses = statuses(params.string("status"));
        Instant after = params.instant("createdAfter");
        Instant before = params.instant("createdBefore");
        if (after != null && before != null && !after.isBefore(before)) {
            throw ApiException.badField("createdBefore", "'createdBefore' (" + before + ") must be later than "
                    + "'createdAfter' (" + after + ")");
        }
        int limit = (int) params.integer("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        int offset = (int) params.integer("offset", 0, 0, Integer.MAX_VALUE - MAX_PAGE - 1);
        // One more than asked tells whether a next page exists without counting every match.
        RunQuery query = new RunQuery(params.string("workflow"), statuses, after, before,
                Math.min(limit + 1, MAX_PAGE), offset);
        List<RunInfo> found = baton.runs(query);
        boolean more = found.size() > limit || (limit == MAX_PAGE && found.size() == MAX_PAGE);
        ObjectNode page = json.createObjectNode();
        ArrayNode array = page.putArray("runs");
        found.stream().limit(limit).forEach(run -> array.add(shapes.run(run)));
        page.put("limit", limit);
        page.put("offset", offset);
        if (more) {
            page.put("nextOffset", offset + limit);
        } else {
            page.putNull("nextOffset");
        }
        ok(ctx, page);
    }

    private static Set<RunStatus> statuses(String text) {
        if (text == null) {
            return Set.of();
        }
        Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
        for (String part : text.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            try {
                statuses.add(RunStatus.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("status", "unknown run status '" + part.strip() + "' in 'status'; "
                        + "give one or more, comma-separated, of " + Arrays.toString(RunStatus.values()));
            }
        }
        return statuses;
    }

    private void startRun(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(),
                Set.of("workflow", "input", "runId", "idempotencyKey", "priority"));
        String workflow = RequestBody.requiredString(body, "workflow");
        String runId = RequestBody.string(body, "runId");
        String key = RequestBody.string(body, "idempotencyKey");
        int priority = RequestBody.integer(body, "priority", 0);
        StartOptions options;
        try {
            new StartOptions(runId, null);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("runId", e.getMessage());
        }
        try {
            options = new StartOptions(runId, key).withPriority(priority);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("idempotencyKey", e.getMessage());
        }
        RunHandle handle = baton.startJson(workflow, RequestBody.anyJson(body, "input"), options);
        ObjectNode answer = json.createObjectNode();
        answer.put("created", handle.created());
        answer.set("run", shapes.run(handle.info()));
        ctx.header("Location", "/api/runs/" + handle.runId());
        ok(ctx.status(handle.created() ? 201 : 200), answer);
    }

    private void run(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ok(ctx, shapes.run(requireRun(ctx)));
    }

    private RunInfo requireRun(Context ctx) {
        String id = ctx.pathParam("id");
        return baton.findRun(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    private void steps(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String id = requireRun(ctx).id();
        ObjectNode answer = json.createObjectNode();
        answer.put("runId", id);
        ArrayNode array = answer.putArray("steps");
        baton.steps(id).forEach(step -> array.add(shapes.step(step)));
        ok(ctx, answer);
    }

    private void timeline(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String id = requireRun(ctx).id();
        ObjectNode answer = json.createObjectNode();
        answer.put("runId", id);
        answer.set("events", json.valueToTree(baton.timeline(id)));
        ok(ctx, answer);
    }

    private void logs(Context ctx) {
        QueryParams params = QueryParams.of(ctx, Set.of("after", "limit"));
        long after = params.integer("after", 0, 0, Long.MAX_VALUE);
        int limit = (int) params.integer("limit", 1_000, 1, MAX_LOG_LINES);
        String id = requireRun(ctx).id();
        var lines = baton.logs(id, after, limit);
        ObjectNode answer = json.createObjectNode();
        answer.put("runId", id);
        answer.set("lines", json.valueToTree(lines));
        answer.put("after", lines.isEmpty() ? after : lines.get(lines.size() - 1).id());
        ok(ctx, answer);
    }

    private void cancel(Context ctx) {
        QueryParams.of(ctx, Set.of());
        RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of());
        RunInfo run = requireRun(ctx);
        if (run.status().isTerminal()) {
            throw new RunStateException("run " + run.id() + " already ended " + run.status()
                    + "; there is nothing to cancel");
        }
        baton.cancel(run.id());
        accepted(ctx, run.id());
    }

    private void retry(Context ctx) {
        QueryParams.of(ctx, Set.of());
        RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of());
        String id = requireRun(ctx).id();
        baton.retry(id);
        accepted(ctx, id);
    }

    private void signal(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of("name", "payload"));
        String name = RequestBody.requiredString(body, "name");
        String id = requireRun(ctx).id();
        baton.signalJson(id, name, RequestBody.anyJson(body, "payload"));
        accepted(ctx, id);
    }

    /** 202: the action is recorded; the run reflects it once a worker has acted on it. */
    private void accepted(Context ctx, String runId) {
        ObjectNode answer = json.createObjectNode();
        answer.set("run", shapes.run(baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId))));
        ok(ctx.status(202), answer);
    }

    // ---- deployments ----

    private void deployments(Context ctx) {
        QueryParams params = QueryParams.of(ctx, Set.of("limit"));
        int limit = (int) params.integer("limit", 20, 1, 1_000);
        ok(ctx, Map.of("deployments", baton.deployments(limit)));
    }

    /** The declarations of the last deploy, for {@code baton plan --target URL}. */
    private void manifest(Context ctx) throws IOException {
        QueryParams.of(ctx, Set.of());
        Optional<DeployedManifest> deployed = baton.deployedManifest();
        if (deployed.isEmpty()) {
            // Told apart from a server without this route (an older Baton) by "deployed": false.
            ObjectNode body = json.createObjectNode();
            body.put("status", 404);
            body.put("error", "Not Found");
            body.put("message", "nothing was deployed to this server's store yet: record a deploy with `baton deploy "
                    + "--target STORE`; until then `baton plan` shows every declaration as added");
            body.put("deployed", false);
            ok(ctx.status(404), body);
            return;
        }
        DeployedManifest d = deployed.get();
        ObjectNode answer = json.createObjectNode();
        answer.put("deployed", true);
        answer.put("id", d.id());
        answer.put("deployedAt", d.deployedAt().toString());
        answer.put("author", d.author());
        answer.put("codeVersion", d.codeVersion());
        answer.put("manifestHash", d.manifestHash());
        answer.put("format", d.format());
        answer.set("manifest", json.readTree(d.manifest()));
        ok(ctx, answer);
    }

    /**
     * The histories of runs as a histories file (JSON Lines, as {@code baton export} writes it),
     * streamed: a failure before the first bytes leave is a JSON error; after, the connection is
     * cut, so that the client sees a stream that did not end rather than a shorter file.
     */
    private void histories(Context ctx) throws IOException {
        QueryParams params = QueryParams.of(ctx, Set.of("status", "workflow"));
        Set<RunStatus> statuses = statuses(params.string("status"));
        String workflow = params.string("workflow");
        if (workflow != null) {
            requireWorkflowName(workflow);
        }
        ctx.status(200).contentType(HISTORIES_TYPE);
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8));
        try {
            baton.exportHistories(workflow, statuses, out);
        } catch (RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                ctx.res().resetBuffer();
                throw e;
            }
            // The status and the first lines are gone: cut the connection, so that the client
            // sees a stream that did not end (and refuses it) rather than a shorter histories file.
            log.error("GET {} failed after the stream began; the connection is cut", ctx.path(), e);
            ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
        }
    }

    /**
     * A workflow named in a query: a registered one, or one with runs in the store (a workflow
     * removed from the code still has runs in flight worth exporting), so only an unknown name
     * with no runs at all is refused.
     */
    private void requireWorkflowName(String workflow) {
        boolean registered = baton.workflows().stream().anyMatch(w -> w.name().equals(workflow));
        if (!registered && baton.runs(new RunQuery(workflow, Set.of(), null, null, 1, 0)).isEmpty()) {
            throw new WorkflowNotFoundException(workflow, baton.workflows().stream().map(WorkflowInfo::name).toList());
        }
    }

    // ---- schedules ----

    private void schedules(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ok(ctx, Map.of("schedules", baton.schedules()));
    }

    private ScheduleInfo requireSchedule(Context ctx) {
        String workflow = ctx.pathParam("workflow");
        String id = ctx.pathParam("schedule");
        requireWorkflow(workflow);
        List<ScheduleInfo> ofWorkflow = baton.schedules().stream().filter(s -> s.workflow().equals(workflow)).toList();
        return ofWorkflow.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("workflow '" + workflow + "' has no schedule '" + id + "'; "
                        + (ofWorkflow.isEmpty() ? "it has no schedules" : "its schedules: "
                        + String.join(", ", ofWorkflow.stream().map(ScheduleInfo::id).toList()))));
    }

    private void fires(Context ctx) {
        QueryParams params = QueryParams.of(ctx, Set.of("limit"));
        int limit = (int) params.integer("limit", 20, 1, 10_000);
        ScheduleInfo schedule = requireSchedule(ctx);
        ok(ctx, Map.of("fires", baton.fires(schedule.workflow(), schedule.id(), limit)));
    }

    private void pause(Context ctx, boolean paused) {
        QueryParams.of(ctx, Set.of());
        RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of());
        ScheduleInfo schedule = requireSchedule(ctx);
        if (paused) {
            baton.pauseSchedule(schedule.workflow(), schedule.id());
        } else {
            baton.resumeSchedule(schedule.workflow(), schedule.id());
        }
        ok(ctx, requireSchedule(ctx));
    }

    private void backfill(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of("from", "to", "parallelism"));
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        int parallelism = RequestBody.integer(body, "parallelism", 4);
        if (parallelism < 1) {
            throw ApiException.badField("parallelism", "'parallelism' must be at least 1, was " + parallelism);
        }
        ScheduleInfo schedule = requireSchedule(ctx);
        List<String> runIds;
        try {
            runIds = baton.backfill(schedule.workflow(), schedule.id(), from, to, parallelism);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("to".equals(rangeField(e)) ? "to" : "from", e.getMessage());
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("workflow", schedule.workflow());
        answer.put("schedule", schedule.id());
        answer.set("runIds", json.valueToTree(runIds));
        ok(ctx.status(202), answer);
    }

    /** @return which end of the range the engine's message is about, as well as it says */
    private static String rangeField(IllegalArgumentException e) {
        return String.valueOf(e.getMessage()).contains("to must") ? "to" : "from";
    }

    private static Instant instant(ObjectNode body, String field) {
        String text = RequestBody.requiredString(body, field);
        try {
            return Instant.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badField(field, "'" + field + "' must be an ISO-8601 instant such as "
                    + "2026-11-01T00:00:00Z, was '" + text + "'");
        }
    }

    // ---- plumbing ----

    /** An action of a route; throws what {@link ApiErrors} answers. */
    @FunctionalInterface
    private interface Action {
        void handle(Context ctx) throws Exception;
    }

    private void get(JavalinConfig config, String path, Action action) {
        config.routes.get(path, guarded(action));
    }

    private void post(JavalinConfig config, String path, Action action) {
        config.routes.post(path, guarded(action));
    }

    /** Answers every failure of the action as a JSON error, whatever other routes of the server do. */
    private Handler guarded(Action action) {
        return ctx -> {
            try {
                action.handle(ctx);
            } catch (Exception e) {
                ApiErrors.answer(ctx, json, e);
            }
        };
    }

    private void ok(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] openApiDocument() {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
