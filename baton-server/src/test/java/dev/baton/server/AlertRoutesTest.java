package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.Alerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/alerts} and the Alerts page over a real engine whose only channel is down: the
 * failed delivery is shown, with its attempts and error.
 */
class AlertRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path folder;
    private Baton baton;
    private BatonServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (baton != null) {
            baton.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeliveryThatFailedIsListedByTheApiAndStandsOutInTheUi() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        baton = Baton.builder().store(StoreConfig.sqlite(folder.resolve("baton.db")))
                .alerts(Alerts.builder().checkEvery(Duration.ofMillis(50))
                        .delivery(2, Duration.ofMillis(20), Duration.ofMillis(20))
                        .channel("ops-slack", AlertChannel.slack("http://127.0.0.1:" + closed + "/services/x")).build())
                .workflow(WorkflowDefinition.of("Breaks", String.class, (flow, input) -> flow.step("boom", () -> {
                    throw new IllegalStateException("disk full");
                })).withOwner("team-ops"))
                .build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0);
        baton.start("Breaks", "x").await(Duration.ofSeconds(30));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode answer;
        do {
            Thread.sleep(20);
            answer = JSON.readTree(get("/api/alerts").body());
        } while (answer.path("failedDeliveries").asInt() == 0 && System.nanoTime() < end);

        assertThat(answer.path("failedDeliveries").asInt()).isEqualTo(1);
        JsonNode incident = answer.path("incidents").get(0);
        assertThat(incident.path("workflow").asText()).isEqualTo("Breaks");
        assertThat(incident.path("cause").asText()).isEqualTo("RUN_FAILED");
        assertThat(incident.path("open").asBoolean()).isTrue();
        assertThat(incident.path("summary").asText()).contains("disk full");
        JsonNode delivery = incident.path("deliveries").get(0);
        assertThat(delivery.path("channel").asText()).isEqualTo("ops-slack");
        assertThat(delivery.path("status").asText()).isEqualTo("FAILED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.path("lastResult").asText()).contains("cannot connect");

        assertThat(JSON.readTree(get("/api/alerts?open=false").body()).path("incidents")).isEmpty();
        HttpResponse<String> bad = get("/api/alerts?open=maybe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("open");

        HttpResponse<String> page = get("/ui/alerts");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("1 notification could not be delivered").contains("delivery-failed")
                .contains("ops-slack").contains("cannot connect").contains("href=\"/ui/alerts\"");
    }

    @Test
    void theDeadlineOwnerAndRunbookAreInTheCatalogAndTheWorkflowsApi() throws Exception {
        baton = Baton.builder().store(StoreConfig.sqlite(folder.resolve("baton.db")))
                .workflow(WorkflowDefinition.of("NightlyLoad", String.class, (flow, input) -> input).withOwner("team-data")
                        .withRunbook("https://wiki.example.com/nightly").withDeadline(Duration.ofHours(5)))
                .workflow(WorkflowDefinition.of("Adhoc", String.class, (flow, input) -> input))
                .build();
        server = BatonServer.start(baton, "127.0.0.1", 0);

        JsonNode nightly = JSON.readTree(get("/api/workflows/NightlyLoad").body());
        assertThat(nightly.path("deadline").asText()).isEqualTo("PT5H");
        assertThat(nightly.path("owner").asText()).isEqualTo("team-data");
        assertThat(nightly.path("runbook").asText()).isEqualTo("https://wiki.example.com/nightly");
        JsonNode all = JSON.readTree(get("/api/workflows").body()).path("workflows");
        for (JsonNode w : all) {
            if (w.path("name").asText().equals("Adhoc")) {
                assertThat(w.path("deadline").isNull() || w.path("deadline").isMissingNode()).isTrue();
            } else {
                assertThat(w.path("deadline").asText()).isEqualTo("PT5H");
            }
        }

        String catalog = get("/").body();
        assertThat(catalog).contains("<dt>Deadline</dt><dd class=\"deadline\">").contains("from its logical time");
        assertThat(catalog.split("<dt>Deadline</dt>", -1)).as("only NightlyLoad has a deadline").hasSize(2);
    }
}
