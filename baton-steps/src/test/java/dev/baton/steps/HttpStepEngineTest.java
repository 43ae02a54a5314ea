package dev.baton.steps;

import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.Retry;
import dev.baton.RunHandle;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepOptions;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.steps.Engines.RESULT_TIMEOUT;
import static dev.baton.steps.LoopbackServer.json;
import static dev.baton.steps.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP step inside workflows on the real engine, against a real server on the loopback interface. */
@Timeout(120)
class HttpStepEngineTest {

    record Report(String day, int rows) {
    }

    record Receipt(String id) {
    }

    @TempDir
    Path dir;

    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void retriesUnavailableAndWaitsAtLeastWhatRetryAfterSaysWithTheSameIdempotencyKey() {
        server.then(status(503, "text/plain", "busy", "Retry-After", "1"), status(503, "text/plain", "still busy"),
                json(201, "{\"id\":\"r-1\"}"));
        var workflow = WorkflowDefinition.of("publish", String.class, (flow, url) ->
                flow.step("publish", StepOptions.retry(Retry.fixed(5, Duration.ofMillis(10))),
                        Http.post(URI.create(url)).jsonBody(new Report("2026-01-15", 42)).expect(Receipt.class)).id());
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("publish", server.uri("/reports").toString());

            assertThat(run.<String>result(RESULT_TIMEOUT)).isEqualTo("r-1");
            List<AttemptInfo> attempts = Engines.step(baton, run.runId(), "publish").attempts();
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(0).error().type()).isEqualTo(HttpStatusException.class.getName());
            assertThat(attempts.get(0).error().message()).isEqualTo("POST " + server.uri("/reports")
                    + " answered 503 Service Unavailable (retryable; Retry-After 1.0s); body starts: busy");
            // The engine planned the waits: Retry-After's 1 s over the policy's 10 ms, then the policy's.
            assertThat(Duration.between(attempts.get(0).endedAt(), attempts.get(0).nextAttemptAt())).isEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(attempts.get(1).endedAt(), attempts.get(1).nextAttemptAt())).isEqualTo(Duration.ofMillis(10));
            assertThat(attempts.get(1).startedAt()).isAfterOrEqualTo(attempts.get(0).nextAttemptAt());
            List<String> keys = server.received().stream().map(r -> r.header("Idempotency-Key")).toList();
            assertThat(keys).hasSize(3).doesNotContainNull().containsOnly(keys.get(0));
        }
    }

    @Test
    void aClientErrorIsNotRetriedWhateverThePolicy() {
        server.then(json(422, "{\"error\":\"rows must be >= 0\"}"));
        var workflow = WorkflowDefinition.of("publish", String.class, (flow, url) ->
                flow.step("publish", StepOptions.retry(Retry.exponential(5)), Http.post(URI.create(url)).body("x")).body());
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("publish", server.uri("/reports").toString());

            assertThat(run.await(RESULT_TIMEOUT).status()).isEqualTo(RunStatus.FAILED);
            StepInfo step = Engines.step(baton, run.runId(), "publish");
            assertThat(step.attempts()).hasSize(1);
            assertThat(step.error().type()).isEqualTo(FatalHttpStatusException.class.getName());
            assertThat(step.error().message()).contains("answered 422 Unprocessable Content")
                    .endsWith("body starts: {\"error\":\"rows must be >= 0\"}");
        }
    }

    @Test
    void anUnreachableHostIsRetriedThenFailsNamingTheUrl() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/reports");
        }
        var workflow = WorkflowDefinition.of("publish", String.class, (flow, url) ->
                flow.step("publish", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(10))), Http.get(URI.create(url))).body());
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("publish", closed.toString());

            assertThat(run.await(RESULT_TIMEOUT).status()).isEqualTo(RunStatus.FAILED);
            StepInfo step = Engines.step(baton, run.runId(), "publish");
            assertThat(step.attempts()).hasSize(2);
            assertThat(step.error().type()).isEqualTo(HttpConnectionException.class.getName());
            assertThat(step.error().message()).startsWith("GET " + closed + " got no response: could not connect");
        }
    }

    @Test
    void aResponseThatDoesNotParseIsNotRetried() {
        server.then(json(200, "[1, 2, 3]"));
        var workflow = WorkflowDefinition.of("fetch", String.class, (flow, url) ->
                flow.step("fetch", StepOptions.retry(Retry.exponential(5)), Http.get(URI.create(url)).expect(Receipt.class)).id());
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("fetch", server.uri("/receipt").toString());

            assertThat(run.await(RESULT_TIMEOUT).status()).isEqualTo(RunStatus.FAILED);
            StepInfo step = Engines.step(baton, run.runId(), "fetch");
            assertThat(step.attempts()).hasSize(1);
            assertThat(step.error().type()).isEqualTo(HttpResponseMappingException.class.getName());
            assertThat(step.error().message()).startsWith("GET " + server.uri("/receipt") + " answered 200 but its body "
                    + "does not map to " + Receipt.class.getName());
        }
    }

    @Test
    void theResultOfAnHttpStepIsCheckpointedAndReplayed() {
        server.then(status(200, "text/plain", "first"), status(200, "text/plain", "second"));
        var workflow = WorkflowDefinition.of("twice", String.class, (flow, url) -> {
            HttpResult result = flow.step("get", Http.get(URI.create(url)));
            flow.sleep(Duration.ofSeconds(1));
            return result.body() + " " + result.status() + " " + result.header("content-type").orElse("?");
        });
        try (Baton baton = Baton.builder().store(dev.baton.StoreConfig.sqlite(dir.resolve("baton.db")))
                .workflow(workflow).inMemoryWait(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(50)).build()) {
            baton.start();
            RunHandle run = baton.start("twice", server.uri("/x").toString());

            // The sleep releases the run's thread, so it resumes by replay: the request is not sent again.
            assertThat(run.<String>result(RESULT_TIMEOUT)).isEqualTo("first 200 text/plain");
            assertThat(server.received()).hasSize(1);
        }
    }
}
