package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.engine.store.Write;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.manifest.Manifests;
import dev.baton.engine.manifest.ManifestJson;
import dev.baton.engine.manifest.Manifest;
import dev.baton.BatonBuilder;
import dev.baton.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The JSON API over real HTTP on loopback, against a real engine on a real SQLite file: every
 * route, the filters and pagination, each error status, and the actions carried through to the
 * runs' ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoutesTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Baton baton;
    private BatonServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startServer() {
        baton = TestWorkflows.register(Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))).build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (baton != null) {
            baton.close();
        }
    }

    // ---- the document and the catalog ----

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesTheServerRegisters() throws Exception {
        Answer answer = get("/api/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("openapi").asText()).startsWith("3.");
        JsonNode paths = answer.json().path("paths");

        Set<String> registered = new HashSet<>();
        for (String route : server.routes()) {
            String[] parts = route.split(" ", 2);
            if (!parts[1].startsWith("/api/") || parts[1].equals("/api/events")) {
                continue; // the web UI's routes and its event stream are described where they are built
            }
            registered.add(parts[0].toLowerCase(Locale.ROOT) + " " + parts[1]);
            assertThat(paths.path(parts[1]).has(parts[0].toLowerCase(Locale.ROOT)))
                    .as("OpenAPI document describes %s", route).isTrue();
        }
        List<String> documented = new ArrayList<>();
        for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
            String path = p.next();
            paths.path(path).fieldNames().forEachRemaining(method -> documented.add(method + " " + path));
        }
        assertThat(registered).containsExactlyInAnyOrderElementsOf(documented).hasSizeGreaterThan(15);
    }

    @Test
    void healthAndTheWorkflowCatalog() throws Exception {
        assertThat(get("/api/health").json().path("status").asText()).isEqualTo("up");

        Answer all = get("/api/workflows");
        assertThat(all.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        all.json().path("workflows").forEach(w -> names.add(w.path("name").asText()));
        assertThat(names).contains("Greet", "FlakyOnce", "Approval", "Sleeper", "Tick");

        Answer one = get("/api/workflows/Greet");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("inputType").asText()).endsWith("Person");
        assertThat(one.json().path("className").asText()).endsWith("Greet");

        Answer unknown = get("/api/workflows/Nope");
        assertError(unknown, 404, null, "no workflow named 'Nope'");
        assertThat(unknown.json().path("message").asText()).contains("Greet");
    }

    // ---- deployments ----

    @Test
    void deploymentsSayWhichCodeRanAndWhatChangedWhen() throws Exception {
        // Two deploys, recorded as `baton deploy` records them: the second adds a schedule.
        BatonBuilder first = Baton.builder().workflow(new TestWorkflows.Tick());
        BatonBuilder second = Baton.builder().workflow(new TestWorkflows.Tick(),
                dev.baton.Schedule.every(Duration.ofMinutes(5)).id("often"));
        try (dev.baton.store.sqlite.SqliteStore store = dev.baton.store.sqlite.SqliteStore.open(StoreConfig.sqlite(dir.resolve("baton.db")))) {
            long at = 1_800_000_000_000L;
            for (BatonBuilder builder : List.of(first, second)) {
                Manifest manifest = Manifests.of(builder.config(), "rev-" + at);
                store.apply(List.of(new Write.RecordDeployment(new DeploymentRow(0, manifest.hash(), manifest.format(),
                        manifest.codeVersion(), "alice", at, ManifestJson.write(manifest)))));
                at += 60_000;
            }
        }

        Answer answer = get("/api/deployments?limit=5");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode deployments = answer.json().path("deployments");
        assertThat(deployments).hasSize(2);
        assertThat(deployments.get(0).path("codeVersion").asText()).isEqualTo("rev-1800000060000");
        assertThat(deployments.get(0).path("author").asText()).isEqualTo("alice");
        assertThat(deployments.get(0).path("changes").get(0).asText()).startsWith("+ schedule Tick");
        assertThat(deployments.get(1).path("changes").get(0).asText()).startsWith("first deploy");

        assertError(get("/api/deployments?limit=0"), 400, "limit", "limit");
    }

    // ---- runs ----

    @Test
    void aStartedRunCompletesAndShowsItsStepsTimelineAndLogs() throws Exception {
        Answer started = post("/api/runs", "{\"workflow\":\"Greet\",\"input\":{\"name\":\"Ada\"},\"runId\":\"greet-ada\"}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.response().headers().firstValue("Location")).contains("/api/runs/greet-ada");
        assertThat(started.json().path("created").asBoolean()).isTrue();
        assertThat(started.json().path("run").path("input").path("name").asText()).isEqualTo("Ada");

        JsonNode run = awaitStatus("greet-ada", "COMPLETED");
        assertThat(run.path("output").asText()).isEqualTo("hello Ada");
        assertThat(run.path("workflow").asText()).isEqualTo("Greet");

        Answer again = post("/api/runs", "{\"workflow\":\"Greet\",\"input\":{\"name\":\"Bob\"},\"runId\":\"greet-ada\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(again.json().path("run").path("input").path("name").asText()).isEqualTo("Ada");

        JsonNode steps = get("/api/runs/greet-ada/steps").json();
        assertThat(steps.path("steps")).hasSize(1);
        assertThat(steps.path("steps").get(0).path("name").asText()).isEqualTo("greet");
        assertThat(steps.path("steps").get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(steps.path("steps").get(0).path("output").asText()).isEqualTo("hello Ada");
        assertThat(steps.path("steps").get(0).path("attempts").isArray()).isTrue();

        List<String> events = new ArrayList<>();
        get("/api/runs/greet-ada/timeline").json().path("events").forEach(e -> events.add(e.path("type").asText()));
        assertThat(events).startsWith("RUN_CREATED").contains("RUN_COMPLETED");

        Answer logs = get("/api/runs/greet-ada/logs");
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.json().path("lines")).hasSize(1);
        assertThat(logs.json().path("lines").get(0).path("line").asText()).isEqualTo("greeting Ada");
        long after = logs.json().path("after").asLong();
        assertThat(after).isPositive();
        assertThat(get("/api/runs/greet-ada/logs?after=" + after).json().path("lines")).isEmpty();
    }

    @Test
    void theRunListFiltersByWorkflowStatusAndTimeAndPages() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "page-" + i;
            assertThat(post("/api/runs", "{\"workflow\":\"Greet\",\"input\":{\"name\":\"p" + i + "\"},\"runId\":\"" + id + "\"}")
                    .status()).isEqualTo(201);
            ids.add(id);
            Thread.sleep(3); // distinct creation times, so that the order is certain
        }
        for (String id : ids) {
            awaitStatus(id, "COMPLETED");
        }
        String window = "&createdAfter=" + encode(before.toString());

        Answer first = get("/api/runs?workflow=Greet&status=completed&limit=2" + window);
        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first)).containsExactly("page-4", "page-3");
        assertThat(first.json().path("nextOffset").asInt()).isEqualTo(2);
        assertThat(ids(get("/api/runs?workflow=Greet&limit=2&offset=2" + window))).containsExactly("page-2", "page-1");
        Answer last = get("/api/runs?workflow=Greet&limit=2&offset=4" + window);
        assertThat(ids(last)).containsExactly("page-0");
        assertThat(last.json().path("nextOffset").isNull()).isTrue();

        assertThat(ids(get("/api/runs?workflow=Greet&status=FAILED,CANCELLED" + window))).isEmpty();
        assertThat(ids(get("/api/runs?workflow=Sleeper" + window))).isEmpty();
        assertThat(ids(get("/api/runs?createdBefore=" + encode(before.toString()) + "&workflow=Greet&limit=100")))
                .doesNotContainAnyElementsOf(ids);
        assertThat(ids(get("/api/runs?limit=100" + window))).containsAll(ids);
    }

    @Test
    void malformedFiltersAreRefusedNamingTheField() throws Exception {
        assertError(get("/api/runs?status=DONE"), 400, "status", "unknown run status 'DONE'");
        assertError(get("/api/runs?limit=0"), 400, "limit", "from 1 to 10000");
        assertError(get("/api/runs?limit=many"), 400, "limit", "must be an integer");
        assertError(get("/api/runs?offset=-1"), 400, "offset", "from 0");
        assertError(get("/api/runs?createdAfter=yesterday"), 400, "createdAfter", "ISO-8601");
        assertError(get("/api/runs?createdAfter=2026-01-02T00:00:00Z&createdBefore=2026-01-01T00:00:00Z"),
                400, "createdBefore", "must be later");
        assertError(get("/api/runs?statuses=FAILED"), 400, "statuses", "unknown query parameter");
        assertError(get("/api/runs?status=FAILED&status=PENDING"), 400, "status", "given 2 times");
        assertError(get("/api/runs/greet-x/logs?limit=20000"), 400, "limit", "from 1 to 10000");
        assertError(get("/api/schedules/Tick/hourly/fires?limit=x"), 400, "limit", "must be an integer");
    }

    @Test
    void malformedBodiesAreRefusedNamingTheField() throws Exception {
        assertError(post("/api/runs", "{\"workflow\":"), 400, "body", "not valid JSON");
        assertError(post("/api/runs", "[1,2]"), 400, "body", "must be a JSON object");
        assertError(post("/api/runs", "{\"input\":{}}"), 400, "workflow", "'workflow' is required");
        assertError(post("/api/runs", "{\"workflow\":7}"), 400, "workflow", "must be a string");
        assertError(post("/api/runs", "{\"workflow\":\"Greet\",\"inptu\":{}}"), 400, "inptu", "unknown property");
        assertError(post("/api/runs", "{\"workflow\":\"Greet\",\"runId\":\"has space\"}"), 400, "runId", "runId must be");
        assertError(post("/api/runs", "{\"workflow\":\"Greet\",\"priority\":\"high\"}"), 400, "priority", "integer");
        assertError(post("/api/runs", "{\"workflow\":\"Greet\",\"input\":{\"name\":[1]}}"), 400, "input", "Greet");
        assertError(post("/api/runs", "{\"workflow\":\"Nope\"}"), 404, null, "no workflow named 'Nope'");
        assertError(post("/api/runs/whatever/signals", "{\"payload\":true}"), 400, "name", "'name' is required");
        assertError(post("/api/schedules/Tick/hourly/backfill", "{\"from\":\"then\",\"to\":\"2026-01-01T00:00:00Z\"}"),
                400, "from", "ISO-8601");
        assertError(post("/api/schedules/Tick/hourly/backfill", "{\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}"),
                400, "from", "from must be before to");
        assertError(post("/api/schedules/Tick/hourly/backfill",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\",\"parallelism\":0}"), 400, "parallelism", "at least 1");
    }

    @Test
    void oversizedBodiesAreRefusedWith413WithOrWithoutALength() throws Exception {
        String big = "{\"workflow\":\"Greet\",\"input\":{\"name\":\"" + "x".repeat(1_100_000) + "\"}}";
        assertError(post("/api/runs", big), 413, "body", "larger than the 1048576 bytes");
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(new Answer(chunked), 413, "body", "larger than the 1048576 bytes");
    }

    @Test
    void unknownRunsAndRoutesAre404InJson() throws Exception {
        for (String path : List.of("/api/runs/nope", "/api/runs/nope/steps", "/api/runs/nope/timeline", "/api/runs/nope/logs")) {
            assertError(get(path), 404, null, "no run with id 'nope'");
        }
        for (String path : List.of("/api/runs/nope/cancel", "/api/runs/nope/retry")) {
            assertError(post(path, ""), 404, null, "no run with id 'nope'");
        }
        assertError(post("/api/runs/nope/signals", "{\"name\":\"approve\"}"), 404, null, "no run with id 'nope'");
        assertError(get("/api/nothing-here"), 404, null, "no route GET /api/nothing-here");
        assertError(get("/api/schedules/Tick/weekly/fires"), 404, null, "has no schedule 'weekly'; its schedules: hourly");
        assertError(post("/api/schedules/Nope/hourly/pause", ""), 404, null, "no workflow named 'Nope'");
    }

    // ---- actions ----

    @Test
    void aSignalApprovesAWaitingRun() throws Exception {
        post("/api/runs", "{\"workflow\":\"Approval\",\"input\":\"v1.2\",\"runId\":\"release-1\"}");
        JsonNode waiting = awaitStatus("release-1", "WAITING");
        assertThat(waiting.path("waitingFor").asText()).contains("approve");

        Answer signalled = post("/api/runs/release-1/signals", "{\"name\":\"approve\",\"payload\":true}");
        assertThat(signalled.status()).isEqualTo(202);
        assertThat(signalled.json().path("run").path("id").asText()).isEqualTo("release-1");

        assertThat(awaitStatus("release-1", "COMPLETED").path("output").asBoolean()).isTrue();
        assertError(post("/api/runs/release-1/signals", "{\"name\":\"approve\",\"payload\":false}"), 409, null,
                "run release-1 is COMPLETED");
    }

    @Test
    void cancelEndsAWaitingRunAndIsRefusedOnceItEnded() throws Exception {
        post("/api/runs", "{\"workflow\":\"Sleeper\",\"runId\":\"sleeper-1\"}");
        awaitStatus("sleeper-1", "WAITING");

        Answer cancelled = post("/api/runs/sleeper-1/cancel", "");
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("run").path("cancelRequested").asBoolean()).isTrue();

        awaitStatus("sleeper-1", "CANCELLED");
        assertError(post("/api/runs/sleeper-1/cancel", ""), 409, null, "already ended CANCELLED");
    }

    @Test
    void retryRunsAFailedRunAgainFromItsLastCheckpoint() throws Exception {
        TestWorkflows.BROKEN.set(true);
        int preparedBefore = TestWorkflows.PREPARED.get();
        post("/api/runs", "{\"workflow\":\"FlakyOnce\",\"runId\":\"flaky-1\"}");
        JsonNode failed = awaitStatus("flaky-1", "FAILED");
        assertThat(failed.path("error").path("message").asText()).contains("the service is down");
        assertError(post("/api/runs/greet-never/retry", ""), 404, null, "no run with id 'greet-never'");

        TestWorkflows.BROKEN.set(false);
        Answer retried = post("/api/runs/flaky-1/retry", "");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("run").path("error").isNull()).isTrue();

        JsonNode done = awaitStatus("flaky-1", "COMPLETED");
        // The first step replayed from its checkpoint: it executed once, before the failure.
        assertThat(TestWorkflows.PREPARED.get()).isEqualTo(preparedBefore + 1);
        assertThat(done.path("output").asText()).isEqualTo("prepared #" + (preparedBefore + 1) + ", then called");
        JsonNode steps = get("/api/runs/flaky-1/steps").json().path("steps");
        assertThat(steps.get(1).path("name").asText()).isEqualTo("call-service");
        assertThat(steps.get(1).path("status").asText()).isEqualTo("COMPLETED");
        List<String> events = new ArrayList<>();
        get("/api/runs/flaky-1/timeline").json().path("events").forEach(e -> events.add(e.path("type").asText()));
        assertThat(events).containsSubsequence("RUN_FAILED", "RUN_RETRIED", "RUN_COMPLETED");

        assertError(post("/api/runs/flaky-1/retry", ""), 409, null,
                "run flaky-1 is COMPLETED, not FAILED, so it cannot be retried");
    }

    @Test
    void schedulesPauseResumeFiresAndBackfill() throws Exception {
        JsonNode schedules = get("/api/schedules").json().path("schedules");
        JsonNode hourly = null;
        for (JsonNode s : schedules) {
            if (s.path("workflow").asText().equals("Tick")) {
                hourly = s;
            }
        }
        assertThat(hourly).isNotNull();
        assertThat(hourly.path("id").asText()).isEqualTo("hourly");

        Answer paused = post("/api/schedules/Tick/hourly/pause", "");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        Answer resumed = post("/api/schedules/Tick/hourly/resume", "");
        assertThat(resumed.json().path("paused").asBoolean()).isFalse();

        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofHours(3));
        Answer backfill = post("/api/schedules/Tick/hourly/backfill",
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"parallelism\":2}");
        assertThat(backfill.status()).isEqualTo(202);
        List<String> runIds = new ArrayList<>();
        backfill.json().path("runIds").forEach(id -> runIds.add(id.asText()));
        assertThat(runIds).hasSize(3);
        for (String id : runIds) {
            assertThat(awaitStatus(id, "COMPLETED").path("output").asText()).startsWith("tick at ");
        }
        Answer fires = get("/api/schedules/Tick/hourly/fires?limit=10");
        assertThat(fires.status()).isEqualTo(200);
        assertThat(fires.json().path("fires").isArray()).isTrue();
    }

    // ---- helpers ----

    private JsonNode awaitStatus(String runId, String status) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            Answer answer = get("/api/runs/" + runId);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            run = answer.json();
            if (run.path("status").asText().equals(status)) {
                return run;
            }
            Thread.sleep(50);
        }
        return fail("run " + runId + " did not become " + status + " within " + RUN_TIMEOUT + "; last: " + run);
    }

    private static List<String> ids(Answer page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("runs").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static void assertError(Answer answer, int status, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = answer.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("message").asText()).contains(message);
        if (field == null) {
            assertThat(body.has("field")).as(answer.body()).isFalse();
        } else {
            assertThat(body.path("field").asText()).as(answer.body()).isEqualTo(field);
        }
    }

    private URI uri(String path) {
        return URI.create(server.url() + path.substring(1));
    }

    private Answer get(String path) throws Exception {
        return new Answer(http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer post(String path, String body) throws Exception {
        return new Answer(http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (Exception e) {
                return fail("not JSON: " + response.body());
            }
        }
    }
}
