package dev.baton.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.baton.alerts.AlertApp.await;
import static dev.baton.alerts.AlertApp.incidents;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerts stay inside the services' limits and see every run, however large the error or the backlog. */
class AlertLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path folder;
    private Loopback http;
    private final List<Baton> engines = new ArrayList<>();

    @BeforeEach
    void server() throws Exception {
        http = new Loopback();
    }

    @AfterEach
    void stop() {
        AlertApp.slowRelease.countDown();
        engines.forEach(Baton::close);
        http.close();
    }

    @Test
    void aHugeErrorMessageIsCutSoThatThePageStaysUnderPagerDutysLimit() throws Exception {
        String huge = "x".repeat(600_000);
        WorkflowDefinition<String, String> chatty = WorkflowDefinition.of("Chatty", String.class,
                (flow, input) -> flow.step("dump", () -> {
                    throw new IllegalStateException("bad row: " + huge);
                }));
        Baton baton = AlertApp.builder(folder.resolve("baton.db"), AlertApp.fastAlerts()
                .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build())
                .workflow(chatty).build();
        engines.add(baton);
        baton.start();
        assertThat(baton.start("Chatty", "x").await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.FAILED);
        await("the page", () -> http.at("/pd").size() == 1);
        String body = http.at("/pd").get(0).body();
        // PagerDuty's Events API v2 refuses an event over 512 KB (HTTP 400, which is not retried).
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThan(512 * 1024);
        JsonNode error = JSON.readTree(body).path("payload").path("custom_details").path("error");
        assertThat(error.asText()).contains("java.lang.IllegalStateException: bad row: xxx")
                .contains("more characters; see the run");
    }

    @Test
    void aBacklogLongerThanAPageHasEveryRunPastItsDeadlineAlerted() {
        AlertApp.slowRelease = new CountDownLatch(1);
        // One run at a time: the first holds the slot, the 600 others wait PENDING past their deadline.
        Baton baton = AlertApp.builder(folder.resolve("baton.db"), AlertApp.fastAlerts()
                        .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build())
                .maxActiveRuns(1)
                .workflow(AlertApp.slow().withName("Backlog").withDeadline(Duration.ofSeconds(3))
                        .withAlertRules(AlertRule.DEADLINE_MISSED))
                .build();
        engines.add(baton);
        baton.start();
        for (int i = 0; i < 601; i++) {
            baton.start("Backlog", "run-" + i);
        }
        await("every run counted", () -> !incidents(baton, "Backlog").isEmpty()
                && incidents(baton, "Backlog").get(0).count() == 601);
        assertThat(incidents(baton, "Backlog")).singleElement().satisfies(i -> assertThat(i.open()).isTrue());
    }
}
