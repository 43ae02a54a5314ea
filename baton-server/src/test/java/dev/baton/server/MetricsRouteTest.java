package dev.baton.server;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /metrics over real HTTP on loopback, after real runs on a real SQLite file. */
@Timeout(60)
class MetricsRouteTest {
    @TempDir
    Path dir;

    private final WorkflowDefinition<String, Integer> count = WorkflowDefinition.of("count", String.class,
            (flow, in) -> flow.step("measure", () -> in.length()));

    @Test
    void servesTheEnginesMetersInPrometheusText() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).meterRegistry(registry)
                .workflow(count).build()) {
            baton.start();
            assertThat(baton.start("count", "abc").await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
            try (BatonServer server = BatonServer.start(baton, "127.0.0.1", 0)) {
                HttpResponse<String> metrics = get(server, "metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                assertThat(metrics.body())
                        .contains("baton_runs_started_total{workflow=\"count\"} 1.0")
                        .contains("baton_runs_finished_total{status=\"completed\",workflow=\"count\"} 1.0")
                        .contains("baton_step_duration_seconds_count{outcome=\"completed\",step=\"measure\",workflow=\"count\"} 1")
                        .contains("baton_step_duration_seconds_bucket{")
                        .contains("baton_runs_active ")
                        .contains("baton_store_batch_writes_count ");
            }
        }
    }

    @Test
    void withTheDefaultGlobalRegistryAPrometheusRegistryIsAddedToIt() throws Exception {
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).workflow(count).build()) {
            baton.start();
            assertThat(baton.meterRegistry()).isSameAs(Metrics.globalRegistry);
            try (BatonServer server = BatonServer.start(baton, "127.0.0.1", 0)) {
                // Meters registered after the server started reach the scrape too.
                assertThat(baton.start("count", "global").await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
                HttpResponse<String> metrics = get(server, "metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("baton_runs_finished_total{status=\"completed\",workflow=\"count\"}");
            }
        }
    }

    @Test
    void aRegistryWithoutPrometheusTextIsExplained() throws Exception {
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))
                .meterRegistry(new SimpleMeterRegistry()).build();
             BatonServer server = BatonServer.start(baton, "127.0.0.1", 0)) {
            HttpResponse<String> metrics = get(server, "metrics");
            assertThat(metrics.statusCode()).isEqualTo(501);
            assertThat(metrics.body()).contains("SimpleMeterRegistry").contains("BatonBuilder.meterRegistry");
        }
    }

    private static HttpResponse<String> get(BatonServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
