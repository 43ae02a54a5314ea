package dev.baton.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunStatus;
import dev.baton.Schedule;
import dev.baton.CatchUp;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertIncident;
import dev.baton.alert.AlertRule;
import dev.baton.alert.Alerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.baton.alerts.AlertApp.await;
import static dev.baton.alerts.AlertApp.incidents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule on a real engine and store, told through PagerDuty on a loopback server (whose
 * payload shows the dedup key, the action and the count): throttling and deduplication of a
 * failure storm, deadlines, skipped and missed fires.
 */
class AlertRulesTest {
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

    private Alerts.Builder pager() {
        return AlertApp.fastAlerts().channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd")));
    }

    private Baton start(Alerts alerts, WorkflowDefinition<?, ?>... workflows) {
        var builder = AlertApp.builder(folder.resolve("baton.db"), alerts);
        for (WorkflowDefinition<?, ?> w : workflows) {
            builder.workflow(w);
        }
        Baton baton = builder.build();
        engines.add(baton);
        baton.start();
        return baton;
    }

    private List<JsonNode> pages() {
        return http.at("/pd").stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void aFailureStormPagesOnceAndCountsTheRest() {
        Baton baton = start(pager().throttle(Duration.ofHours(1)).build(), AlertApp.load());
        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(baton.start("Load", "fail"));
        }
        runs.forEach(r -> assertThat(r.await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.FAILED));
        await("all 20 failures counted", () -> !incidents(baton, "Load").isEmpty()
                && incidents(baton, "Load").get(0).count() == 20);
        await("deliveries settled", () -> AlertApp.allSettled(baton));
        assertThat(incidents(baton, "Load")).hasSize(1);
        assertThat(pages()).hasSize(1);
        assertThat(pages().get(0).path("event_action").asText()).isEqualTo("trigger");
        assertThat(pages().get(0).path("dedup_key").asText()).isEqualTo("Load/RUN_FAILED");
    }

    @Test
    void failuresInsideTheThrottleWindowAreToldOnceItPassesWithTheirCount() {
        Baton baton = start(pager().throttle(Duration.ofMillis(1_500)).build(), AlertApp.load());
        baton.start("Load", "fail").await(Duration.ofSeconds(30));
        await("the first page", () -> pages().size() == 1);
        for (int i = 0; i < 3; i++) {
            baton.start("Load", "fail").await(Duration.ofSeconds(30));
        }
        await("a page that counts all four", () -> pages().stream().anyMatch(p ->
                p.path("payload").path("summary").asText().contains("(4 failures since")));
        assertThat(pages()).as("fewer pages than failures").hasSizeLessThan(4)
                .allSatisfy(p -> assertThat(p.path("dedup_key").asText()).isEqualTo("Load/RUN_FAILED"));
        assertThat(incidents(baton, "Load")).singleElement().satisfies(i -> assertThat(i.count()).isEqualTo(4));
    }

    @Test
    void aRunBegunBeforeTheFailureDoesNotResolveItALaterOneDoes() {
        AlertApp.slowRelease = new CountDownLatch(1);
        Baton baton = start(pager().build(), AlertApp.load());
        RunHandle earlier = baton.start("Load", "wait");
        assertThat(baton.start("Load", "fail").await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.FAILED);
        await("the failure's page", () -> pages().size() == 1);

        AlertApp.slowRelease.countDown();
        assertThat(earlier.await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.COMPLETED);
        RunHandle later = baton.start("Load", "ok");
        assertThat(later.await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.COMPLETED);
        await("the resolve page", () -> pages().size() == 2);

        assertThat(pages().get(1).path("event_action").asText()).isEqualTo("resolve");
        AlertIncident incident = incidents(baton, "Load").get(0);
        assertThat(incident.open()).isFalse();
        assertThat(incident.summary()).as("resolved by the run begun after the failure")
                .contains(later.runId()).doesNotContain(earlier.runId());
    }

    @Test
    void aRunStillRunningPastItsDeadlineIsAlertedOnceAndItsLateEndCountsNoMore() {
        AlertApp.slowRelease = new CountDownLatch(1);
        Baton baton = start(pager().build(), AlertApp.slow(), AlertApp.load());
        RunHandle run = baton.start("Slow", "x");
        await("the deadline page", () -> pages().size() == 1);
        assertThat(baton.findRun(run.runId()).orElseThrow().status()).isIn(RunStatus.RUNNING, RunStatus.PENDING);
        JsonNode page = pages().get(0);
        assertThat(page.path("dedup_key").asText()).isEqualTo("Slow/DEADLINE_MISSED");
        assertThat(page.path("payload").path("summary").asText()).contains(run.runId()).contains("past its deadline");
        AlertApp.slowRelease.countDown();
        assertThat(run.await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.COMPLETED);
        // The evaluator reads the timeline in order: once a later failure is paged, it passed the late completion.
        baton.start("Load", "fail").await(Duration.ofSeconds(30));
        await("the later failure's page", () -> pages().size() == 2);
        AlertIncident incident = incidents(baton, "Slow").get(0);
        assertThat(incident.count()).isEqualTo(1);
        assertThat(incident.open()).as("a late completion does not resolve a deadline incident").isTrue();
    }

    @Test
    void skippedFiresAreAlerted() {
        AlertApp.slowRelease = new CountDownLatch(1);
        WorkflowDefinition<String, String> ticker = AlertApp.slow().withName("Ticker").withDeadline(null)
                .withAlertRules(AlertRule.FIRE_SKIPPED);
        var builder = AlertApp.builder(folder.resolve("baton.db"), pager().build())
                .workflow(ticker, Schedule.every(Duration.ofMillis(200)));
        Baton baton = builder.build();
        engines.add(baton);
        baton.start();
        await("a skipped fire's page", () -> pages().size() >= 1);
        JsonNode page = pages().get(0);
        assertThat(page.path("dedup_key").asText()).isEqualTo("Ticker/FIRE_SKIPPED");
        assertThat(page.path("payload").path("summary").asText()).contains("was skipped");
        assertThat(page.path("payload").path("severity").asText()).isEqualTo("warning");
    }

    @Test
    void firesExpectedWhileNoWorkerRanAreAlertedAsMissed() throws Exception {
        WorkflowDefinition<String, String> tick = WorkflowDefinition.of("Tick", String.class,
                (flow, input) -> "ticked").withAlertRules(AlertRule.SCHEDULE_MISSED);
        Schedule every = Schedule.every(Duration.ofMillis(300)).catchUp(CatchUp.none());
        Alerts alerts = pager().scheduleGrace(Duration.ofMillis(500)).build();
        Baton first = AlertApp.builder(folder.resolve("baton.db"), alerts).workflow(tick, every).build();
        first.start();
        await("a fire started", () -> !first.fires("Tick", every.id(), 10).isEmpty());
        Thread.sleep(300);
        first.close();
        assertThat(pages()).as("nothing missed while it ran").isEmpty();
        Thread.sleep(2_500);
        Baton second = AlertApp.builder(folder.resolve("baton.db"), alerts).workflow(tick, every).build();
        engines.add(second);
        second.start();
        await("the missed fires' page", () -> pages().size() >= 1);
        JsonNode page = pages().get(0);
        assertThat(page.path("dedup_key").asText()).isEqualTo("Tick/SCHEDULE_MISSED");
        assertThat(page.path("payload").path("summary").asText()).contains("did not start within");
        await("the count", () -> incidents(second, "Tick").get(0).count() >= 3);
    }

    @Test
    void aFireWhoseRunNoWorkerTakesInTimeIsAlertedAsMissed() {
        AlertApp.slowRelease = new CountDownLatch(1);
        WorkflowDefinition<String, String> tick = WorkflowDefinition.of("Tick", String.class,
                (flow, input) -> "ticked").withAlertRules(AlertRule.SCHEDULE_MISSED);
        Schedule every = Schedule.every(Duration.ofMillis(300));
        // One run at a time in this process, and Slow holds it: Tick's run is created but waits.
        Baton baton = AlertApp.builder(folder.resolve("baton.db"), pager().scheduleGrace(Duration.ofMillis(300)).build())
                .maxActiveRuns(1).workflow(AlertApp.slow().withAlertRules()).workflow(tick, every).build();
        engines.add(baton);
        baton.start();
        RunHandle slow = baton.start("Slow", "x");
        await("the slot taken", () -> baton.findRun(slow.runId()).orElseThrow().status() == RunStatus.RUNNING);
        await("the late start's page", () -> pages().size() >= 1);
        JsonNode page = pages().get(0);
        assertThat(page.path("dedup_key").asText()).isEqualTo("Tick/SCHEDULE_MISSED");
        assertThat(page.path("payload").path("summary").asText()).contains("has not begun executing");
        AlertApp.slowRelease.countDown();
    }
}
