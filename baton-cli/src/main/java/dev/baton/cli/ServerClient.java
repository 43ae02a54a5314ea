package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.Baton;
import dev.baton.BatonException;
import dev.baton.LogLine;
import dev.baton.RunFailedException;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.ScheduleFire;
import dev.baton.ScheduleInfo;
import dev.baton.StartOptions;
import dev.baton.StepInfo;
import dev.baton.TimelineEvent;
import dev.baton.Workflow;
import dev.baton.WorkflowInfo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A running Baton server's JSON API in the shape of {@link Baton}, so that every command works the
 * same against the store file or a server. Runs execute on the server; {@link #start()} and
 * {@link #close()} do nothing. Failures the server answers with 4xx become {@link CliException}s
 * with exit code 2 and the server's message; an unreachable server or a 5xx, exit code 3.
 */
final class ServerClient implements Baton {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A newer server may say more about a run or a workflow than this client knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param url the server's address, e.g. {@code http://127.0.0.1:8080}
     * @throws CliException with exit code 2 when it is not an http(s) URL
     */
    ServerClient(String url) {
        this(url, null);
    }

    /**
     * @param url   the server's address, e.g. {@code http://127.0.0.1:8080}
     * @param token an API token sent as {@code Authorization: Bearer}, or null
     * @throws CliException with exit code 2 when the URL is not an http(s) URL
     */
    ServerClient(String url, String token) {
        this.token = token == null || token.isBlank() ? null : token.strip();
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--server must be a URL such as http://127.0.0.1:8080, was '" + url + "'");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new CliException(ExitCodes.USAGE, "--server must be a URL such as http://127.0.0.1:8080, was '" + url + "'");
        }
        String text = uri.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** @return the server's address, without a trailing slash */
    String url() {
        return base;
    }

    @Override
    public void start() {
        // The server executes runs.
    }

    @Override
    public void close() {
        // Nothing is held between requests.
    }

    // ---- starting runs ----

    @Override
    public RunHandle start(String workflow, Object input, StartOptions options) {
        return startJson(workflow, write(input), options);
    }

    @Override
    public <I> RunHandle start(Class<? extends Workflow<I, ?>> workflow, I input) {
        throw new UnsupportedOperationException("a server's runs are started by workflow name, not by class");
    }

    @Override
    public RunHandle startJson(String workflow, String inputJson, StartOptions options) {
        ObjectNode body = json.createObjectNode();
        body.put("workflow", workflow);
        if (inputJson != null && !inputJson.isBlank()) {
            try {
                body.set("input", json.readTree(inputJson));
            } catch (JsonProcessingException e) {
                throw new CliException(ExitCodes.USAGE, "the input of workflow '" + workflow + "' is not valid JSON: "
                        + e.getOriginalMessage());
            }
        }
        StartOptions effective = options == null ? StartOptions.defaults() : options;
        if (effective.runId() != null) {
            body.put("runId", effective.runId());
        }
        if (effective.idempotencyKey() != null) {
            body.put("idempotencyKey", effective.idempotencyKey());
        }
        if (effective.priority() != 0) {
            body.put("priority", effective.priority());
        }
        JsonNode answer = send("POST", "/api/runs", body);
        return new Handle(answer.path("run").path("id").asText(), answer.path("created").asBoolean());
    }

    @Override
    public RunHandle handle(String runId) {
        getRun(runId);
        return new Handle(runId, false);
    }

    // ---- actions ----

    @Override
    public void cancel(String runId) {
        try {
            send("POST", "/api/runs/" + segment(runId) + "/cancel", null);
        } catch (ServerError e) {
            if (e.status != 409) { // cancelling a finished run does nothing, as in the engine
                throw e.asCliException();
            }
        }
    }

    @Override
    public void retry(String runId) {
        send("POST", "/api/runs/" + segment(runId) + "/retry", null);
    }

    @Override
    public void signal(String runId, String name, Object payload) {
        signalJson(runId, name, write(payload));
    }

    @Override
    public void signalJson(String runId, String name, String payloadJson) {
        ObjectNode body = json.createObjectNode();
        body.put("name", name);
        if (payloadJson != null && !payloadJson.isBlank()) {
            try {
                body.set("payload", json.readTree(payloadJson));
            } catch (JsonProcessingException e) {
                throw new CliException(ExitCodes.USAGE, "the payload of signal '" + name + "' is not valid JSON: "
                        + e.getOriginalMessage());
            }
        }
        send("POST", "/api/runs/" + segment(runId) + "/signals", body);
    }

    // ---- reading ----

    @Override
    public Optional<RunInfo> findRun(String runId) {
        try {
            return Optional.of(run(sendOrThrow("GET", "/api/runs/" + segment(runId), null)));
        } catch (ServerError e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e.asCliException();
        }
    }

    private RunInfo getRun(String runId) {
        return run(send("GET", "/api/runs/" + segment(runId), null));
    }

    @Override
    public List<RunInfo> runs(RunQuery query) {
        StringJoiner params = new StringJoiner("&", "?", "");
        params.add("limit=" + query.limit()).add("offset=" + query.offset());
        if (query.workflow() != null) {
            params.add("workflow=" + encode(query.workflow()));
        }
        if (!query.statuses().isEmpty()) {
            params.add("status=" + String.join(",", query.statuses().stream().map(RunStatus::name).sorted().toList()));
        }
        if (query.createdAfter() != null) {
            params.add("createdAfter=" + encode(query.createdAfter().toString()));
        }
        if (query.createdBefore() != null) {
            params.add("createdBefore=" + encode(query.createdBefore().toString()));
        }
        List<RunInfo> runs = new ArrayList<>();
        send("GET", "/api/runs" + params, null).path("runs").forEach(node -> runs.add(run(node)));
        return runs;
    }

    @Override
    public List<StepInfo> steps(String runId) {
        List<StepInfo> steps = new ArrayList<>();
        for (JsonNode node : send("GET", "/api/runs/" + segment(runId) + "/steps", null).path("steps")) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            unembed(copy, "output");
            steps.add(read(copy, StepInfo.class));
        }
        return steps;
    }

    @Override
    public List<TimelineEvent> timeline(String runId) {
        return list(send("GET", "/api/runs/" + segment(runId) + "/timeline", null).path("events"), TimelineEvent.class);
    }

    @Override
    public List<LogLine> logs(String runId, long afterId, int limit) {
        return list(send("GET", "/api/runs/" + segment(runId) + "/logs?after=" + afterId + "&limit=" + limit, null)
                .path("lines"), LogLine.class);
    }

    @Override
    public List<WorkflowInfo> workflows() {
        return list(send("GET", "/api/workflows", null).path("workflows"), WorkflowInfo.class);
    }

    // ---- schedules ----

    @Override
    public void pauseSchedule(String workflow, String scheduleId) {
        send("POST", schedulePath(workflow, scheduleId) + "/pause", null);
    }

    @Override
    public void resumeSchedule(String workflow, String scheduleId) {
        send("POST", schedulePath(workflow, scheduleId) + "/resume", null);
    }

    @Override
    public List<ScheduleInfo> schedules() {
        return list(send("GET", "/api/schedules", null).path("schedules"), ScheduleInfo.class);
    }

    @Override
    public List<ScheduleFire> fires(String workflow, String scheduleId, int limit) {
        return list(send("GET", schedulePath(workflow, scheduleId) + "/fires?limit=" + limit, null).path("fires"),
                ScheduleFire.class);
    }

    @Override
    public List<String> backfill(String workflow, String scheduleId, Instant from, Instant to, int parallelism) {
        ObjectNode body = json.createObjectNode();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("parallelism", parallelism);
        List<String> ids = new ArrayList<>();
        send("POST", schedulePath(workflow, scheduleId) + "/backfill", body).path("runIds")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static String schedulePath(String workflow, String scheduleId) {
        return "/api/schedules/" + segment(workflow) + "/" + segment(scheduleId);
    }

    // ---- HTTP ----

    /** An answer of 4xx or 5xx. */
    private static final class ServerError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ServerError(int status, String message) {
            super(message);
            this.status = status;
        }

        CliException asCliException() {
            return new CliException(status >= 500 ? ExitCodes.ERROR : ExitCodes.USAGE, getMessage());
        }
    }

    /** @return the answer's JSON; a 4xx or 5xx becomes a {@link CliException} */
    private JsonNode send(String method, String path, JsonNode body) {
        try {
            return sendOrThrow(method, path, body);
        } catch (ServerError e) {
            throw e.asCliException();
        }
    }

    private JsonNode sendOrThrow(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("")
                    : HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.ERROR, "cannot reach the Baton server at " + base
                    + ": nothing answers there. Start one with `baton server`, or check --server (or BATON_SERVER)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "the Baton server at " + base + " did not answer " + method + " "
                    + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException("interrupted while waiting for the Baton server at " + base, e);
        }
        JsonNode answer;
        try {
            answer = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.ERROR, base + " answered " + method + " " + path + " with "
                    + response.statusCode() + " and no JSON; is it a Baton server? Its answer began: "
                    + Formats.abbreviate(response.body(), 120));
        }
        if (response.statusCode() >= 400) {
            String message = answer.path("message").asText("");
            if (response.statusCode() == 401 && token == null) {
                message += "; give an API token with --token or BATON_TOKEN";
            }
            throw new ServerError(response.statusCode(), message.isEmpty()
                    ? base + " answered " + method + " " + path + " with " + response.statusCode() : message);
        }
        return answer;
    }

    // ---- JSON ----

    /** A run as the API shows it, with input and output embedded as JSON, back into the engine's shape. */
    private RunInfo run(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        unembed(copy, "input");
        unembed(copy, "output");
        return read(copy, RunInfo.class);
    }

    /** Turns an embedded JSON value back into the JSON text the engine stores. */
    private static void unembed(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull()) {
            node.put(field, value.toString());
        }
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.ERROR, "the server at " + base + " answered a " + type.getSimpleName()
                    + " this command cannot read: " + e.getOriginalMessage());
        }
    }

    private <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        array.forEach(node -> items.add(read(node, type)));
        return items;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A run on the server, followed by polling its state. */
    private final class Handle implements RunHandle {
        private final String runId;
        private final boolean created;

        Handle(String runId, boolean created) {
            this.runId = runId;
            this.created = created;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public boolean created() {
            return created;
        }

        @Override
        public RunInfo info() {
            return getRun(runId);
        }

        @Override
        public RunInfo await(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                RunInfo info = info();
                long left = deadline - System.nanoTime();
                if (info.status().isTerminal() || left <= 0) {
                    return info;
                }
                try {
                    Thread.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BatonException("interrupted while waiting for run " + runId, e);
                }
            }
        }

        @Override
        public <O> O result(Duration timeout) {
            RunInfo info = await(timeout);
            if (!info.status().isTerminal()) {
                throw new BatonException("run " + runId + " did not finish within " + timeout + "; it is " + info.status());
            }
            if (info.status() != RunStatus.COMPLETED) {
                throw new RunFailedException(info);
            }
            try {
                @SuppressWarnings("unchecked")
                O value = (O) json.readValue(info.output(), Object.class);
                return value;
            } catch (JsonProcessingException e) {
                throw new BatonException("the result of run " + runId + " is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
