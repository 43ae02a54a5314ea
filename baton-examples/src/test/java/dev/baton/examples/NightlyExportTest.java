package dev.baton.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.LogLine;
import dev.baton.RunHandle;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepStatus;
import dev.baton.examples.NightlyExport.Export;
import dev.baton.examples.NightlyExport.Outcome;
import dev.baton.steps.HttpStatusException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.baton.examples.TestEngine.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class NightlyExportTest {

    @TempDir
    Path dir;

    /** A reports service on the loopback interface: 503 with Retry-After: 1, then 503, then 201. */
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReportsService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/reports", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                switch (requests.incrementAndGet()) {
                    case 1 -> {
                        exchange.getResponseHeaders().set("Retry-After", "1");
                        send(exchange, 503, "text/plain", "reports service is restarting");
                    }
                    case 2 -> send(exchange, 503, "text/plain", "reports service is restarting");
                    default -> send(exchange, 201, "application/json", "{\"id\":\"report-2026-01-15\"}");
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stopReportsService() {
        server.stop(0);
    }

    private URI reportsUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/reports");
    }

    @Test
    void exportsThenPublishesAfterTheServiceFailsTwiceWith503() throws IOException {
        try (Baton baton = TestEngine.start(dir)) {
            Path out = dir.resolve("exports");
            RunHandle run = baton.start("NightlyExport", new Export("2026-01-15", 42, out.toString(), reportsUrl()));

            Outcome outcome = run.result(RESULT_TIMEOUT);

            Path file = out.resolve("orders-2026-01-15.csv");
            assertThat(outcome).isEqualTo(new Outcome("2026-01-15", "exported and published", 42, file.toString(),
                    "report-2026-01-15"));
            assertThat(Files.readAllLines(file)).hasSize(43).startsWith("order,day,amount_cents", "order-1,2026-01-15,1250");

            // Three requests of the same report, one idempotency key for all of them.
            assertThat(bodies).hasSize(3).containsOnly(
                    "{\"day\":\"2026-01-15\",\"orders\":42,\"file\":\"" + file + "\"}");
            assertThat(idempotencyKeys).hasSize(3).doesNotContainNull().containsOnly(idempotencyKeys.get(0));

            List<AttemptInfo> attempts = TestEngine.step(baton, run.runId(), "publish").attempts();
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(0).error().type()).isEqualTo(HttpStatusException.class.getName());
            assertThat(attempts.get(0).error().message()).contains("answered 503 Service Unavailable (retryable; Retry-After 1.0s)");
            // Retry-After: 1 lengthens the policy's 200 ms; the second wait is the policy's 400 ms.
            assertThat(Duration.between(attempts.get(0).endedAt(), attempts.get(0).nextAttemptAt())).isEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(attempts.get(1).endedAt(), attempts.get(1).nextAttemptAt())).isEqualTo(Duration.ofMillis(400));
            assertThat(attempts.get(1).startedAt()).isAfterOrEqualTo(attempts.get(0).nextAttemptAt());
        }
    }

    @Test
    void theScriptsOutputIsInTheLogWithThePasswordMasked() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("NightlyExport", new Export("2026-01-15", 3, dir.resolve("exports").toString(), null));

            assertThat(run.<Outcome>result(RESULT_TIMEOUT).status()).isEqualTo("exported");
            StepInfo export = TestEngine.step(baton, run.runId(), "export");
            List<String> stdout = baton.logs(run.runId(), 0, 100).stream()
                    .filter(l -> l.seq() == export.seq() && l.stream().equals("stdout")).map(LogLine::line).toList();
            assertThat(stdout).containsExactly("connecting to the warehouse as exporter with password ***",
                    "exported 3 orders for 2026-01-15", dir.resolve("exports/orders-2026-01-15.csv").toString());
            assertThat(baton.logs(run.runId(), 0, 100)).extracting(LogLine::line)
                    .noneMatch(line -> line.contains(DemoSecrets.DEFAULT_VALUE));
            assertThat(export.output()).doesNotContain(DemoSecrets.DEFAULT_VALUE).contains("password ***");
        }
    }

    @Test
    void nothingToExportSkipsThePublishing() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("NightlyExport", new Export("2026-01-17", 0, dir.resolve("exports").toString(), reportsUrl()));

            Outcome outcome = run.result(RESULT_TIMEOUT);

            assertThat(outcome).isEqualTo(new Outcome("2026-01-17", "nothing to export", 0, null, null));
            assertThat(TestEngine.step(baton, run.runId(), "export").status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(baton.steps(run.runId())).extracting(StepInfo::name).containsExactly("export");
            assertThat(requests).hasValue(0);
        }
    }

    @Test
    void badInputFailsTheExportAtOnce() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("NightlyExport", new Export("2026-01-15", -1, "", null));

            assertThat(run.await(RESULT_TIMEOUT).status()).isEqualTo(RunStatus.FAILED);
            StepInfo export = TestEngine.step(baton, run.runId(), "export");
            assertThat(export.attempts()).hasSize(1);
            assertThat(export.error().type()).isEqualTo("dev.baton.steps.FatalExitCodeException");
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
