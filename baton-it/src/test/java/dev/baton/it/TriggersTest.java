package dev.baton.it;

import dev.baton.Baton;
import dev.baton.FanIn;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StartOptions;
import dev.baton.StoreConfig;
import dev.baton.Trigger;
import dev.baton.Upstream;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class TriggersTest {
    record Load(String day, int rows) {
    }

    @TempDir
    Path dir;

    private List<RunInfo> runsOf(Baton baton, String workflow) {
        return baton.runs(RunQuery.all().withWorkflow(workflow));
    }

    @Test
    void aDownstreamRunStartsAfterTheUpstreamFinishedWithItsResultAndAFailureTriggerGetsTheUpstream() {
        List<String> events = new CopyOnWriteArrayList<>();
        var load = WorkflowDefinition.of("load", String.class, (flow, day) -> {
            flow.step("load", () -> {
                events.add("load " + day + " start");
                Thread.sleep(300);
                events.add("load " + day + " end");
                return null;
            });
            if (day.equals("bad-day")) {
                throw new IllegalStateException("no data for " + day);
            }
            return new Load(day, 42);
        });
        var publish = WorkflowDefinition.of("publish", Load.class, (flow, loaded) -> {
            events.add("publish " + loaded.day());
            return loaded.rows();
        });
        var page = WorkflowDefinition.of("page", Upstream.class, (flow, upstream) ->
                upstream.workflow() + " " + upstream.status() + ": " + upstream.error().message());
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(load)
                .workflow(publish, Trigger.after("load"))
                .workflow(page, Trigger.after("load").onFailure()))) {
            var good = baton.start("load", "2026-11-25");
            TestEngines.await("publish to run", Duration.ofSeconds(20), () -> !runsOf(baton, "publish").isEmpty()
                    && runsOf(baton, "publish").get(0).status() == RunStatus.COMPLETED);
            RunInfo published = runsOf(baton, "publish").get(0);
            assertThat(published.output()).isEqualTo("42");
            assertThat(published.id()).isEqualTo(good.runId() + ".then.publish");
            assertThat(events).containsExactly("load 2026-11-25 start", "load 2026-11-25 end", "publish 2026-11-25");
            assertThat(runsOf(baton, "page")).isEmpty();

            baton.start("load", "bad-day");
            TestEngines.await("page to run", Duration.ofSeconds(20), () -> !runsOf(baton, "page").isEmpty()
                    && runsOf(baton, "page").get(0).status() == RunStatus.COMPLETED);
            assertThat(runsOf(baton, "page").get(0).output()).isEqualTo("\"load FAILED: no data for bad-day\"");
            assertThat(runsOf(baton, "publish")).hasSize(1);
        }
    }

    @Test
    void aFanInStartsOnceBothUpstreamWorkflowsSucceededForTheSameLogicalTimeHoweverLongOneTook() {
        Instant night1 = Instant.parse("2026-11-24T02:00:00Z");
        Instant night2 = Instant.parse("2026-11-25T02:00:00Z");
        var extract = WorkflowDefinition.of("extract", String.class, (flow, in) -> flow.step("e", () -> {
            Thread.sleep(in.equals("slow") ? 600 : 10);
            return in;
        }));
        var enrich = WorkflowDefinition.of("enrich", String.class, (flow, in) -> flow.step("x", () -> in));
        var report = WorkflowDefinition.of("report", FanIn.class, (flow, fanIn) ->
                fanIn.logicalTime() + " " + fanIn.upstream() + " " + flow.logicalTime());
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(extract).workflow(enrich)
                .workflow(report, Trigger.afterAll("extract", "enrich")))) {
            baton.start("extract", "slow", StartOptions.defaults().withLogicalTime(night1));
            baton.start("enrich", "fast", StartOptions.defaults().withLogicalTime(night1));
            baton.start("enrich", "fast", StartOptions.defaults().withLogicalTime(night2));
            TestEngines.await("the night-1 report", Duration.ofSeconds(20), () -> runsOf(baton, "report").stream()
                    .anyMatch(r -> r.status() == RunStatus.COMPLETED));
            List<RunInfo> reports = runsOf(baton, "report");
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).logicalTime()).isEqualTo(night1);
            assertThat(reports.get(0).output()).isEqualTo("\"" + night1 + " [extract, enrich] " + night1 + "\"");
            RunInfo extractRun = runsOf(baton, "extract").get(0);
            assertThat(reports.get(0).createdAt()).isAfterOrEqualTo(extractRun.endedAt());

            baton.start("extract", "fast", StartOptions.defaults().withLogicalTime(night2));
            TestEngines.await("the night-2 report", Duration.ofSeconds(20), () -> runsOf(baton, "report").size() == 2
                    && runsOf(baton, "report").stream().allMatch(r -> r.status() == RunStatus.COMPLETED));
            assertThat(runsOf(baton, "report")).extracting(RunInfo::logicalTime).containsExactlyInAnyOrder(night1, night2);
        }
    }

    @Test
    void aCycleOfTriggersOrAnUnknownUpstreamIsRefusedWhenTheEngineIsBuilt() {
        var a = WorkflowDefinition.of("A", String.class, (flow, in) -> in);
        var b = WorkflowDefinition.of("B", String.class, (flow, in) -> in);
        var c = WorkflowDefinition.of("C", String.class, (flow, in) -> in);
        assertThatThrownBy(() -> Baton.builder().store(StoreConfig.sqlite(dir.resolve("x.db")))
                .workflow(a, Trigger.after("C")).workflow(b, Trigger.after("A")).workflow(c, Trigger.after("B")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A -> B -> C -> A");
        assertThatThrownBy(() -> Baton.builder().store(StoreConfig.sqlite(dir.resolve("y.db")))
                .workflow(a, Trigger.after("Nightly")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workflow 'A'").hasMessageContaining("trigger").hasMessageContaining("'Nightly'");
        assertThat(Set.of(Trigger.When.values())).hasSize(3);
    }
}
