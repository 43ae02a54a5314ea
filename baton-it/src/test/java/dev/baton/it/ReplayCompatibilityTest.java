package dev.baton.it;

import dev.baton.Baton;
import dev.baton.NonDeterminismException;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code changes while runs are in flight: the first version of a workflow runs until it waits for
 * a signal; the engine stops; a second version is deployed; the run resumes on the new code.
 */
@Timeout(60)
class ReplayCompatibilityTest {
    @TempDir
    Path dir;

    private String startOnVersionOne(Path db) {
        var v1 = WorkflowDefinition.of("order", String.class, (flow, in) -> {
            flow.step("reserve", () -> "reserved");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            flow.step("charge", () -> "charged");
            return "v1";
        });
        try (Baton baton = TestEngines.open(db, b -> b.workflow(v1))) {
            String runId = baton.start("order", "o-1").runId();
            TestEngines.await("the run to wait for its signal", Duration.ofSeconds(20),
                    () -> baton.steps(runId).size() == 2);
            return runId;
        }
    }

    @Test
    void aRenamedStepFailsTheRunNamingTheRunTheSequenceNumberAndBothNames() {
        Path db = dir.resolve("b.db");
        String runId = startOnVersionOne(db);
        var renamed = WorkflowDefinition.of("order", String.class, (flow, in) -> {
            flow.step("reserve-stock", () -> "reserved");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            return "v2";
        });
        try (Baton baton = TestEngines.open(db, b -> b.workflow(renamed))) {
            baton.signal(runId, "go", true);
            RunInfo info = TestEngines.awaitStatus(baton, runId, RunStatus.FAILED, Duration.ofSeconds(20));
            assertThat(info.error().type()).isEqualTo(NonDeterminismException.class.getName());
            assertThat(info.error().message())
                    .contains("run " + runId)
                    .contains("sequence number 1")
                    .contains("history recorded step 'reserve'")
                    .contains("now does step 'reserve-stock'")
                    .contains("flow.patched");
        }
    }

    @Test
    void aRemovedStepIsCaughtWhenTheWorkflowReturnsBeforeReachingIt() {
        Path db = dir.resolve("b.db");
        String runId = startOnVersionOne(db);
        var removed = WorkflowDefinition.of("order", String.class, (flow, in) -> {
            flow.step("reserve", () -> "reserved");
            return "v2";
        });
        try (Baton baton = TestEngines.open(db, b -> b.workflow(removed))) {
            baton.signal(runId, "go", true);
            RunInfo info = TestEngines.awaitStatus(baton, runId, RunStatus.FAILED, Duration.ofSeconds(20));
            assertThat(info.error().message()).contains("sequence number 2").contains("signal 'go'")
                    .contains("the workflow returned before reaching it");
        }
    }

    @Test
    void patchedLetsOldAndNewRunsBothFinishOnTheNewCode() {
        Path db = dir.resolve("b.db");
        String oldRun = startOnVersionOne(db);
        List<String> paths = new CopyOnWriteArrayList<>();
        var v2 = WorkflowDefinition.of("order", String.class, (flow, in) -> {
            flow.step("reserve", () -> "reserved");
            if (flow.patched("fraud-check")) {
                flow.step("fraud-check", () -> "clean");
                paths.add(flow.runId() + ":new");
            } else {
                paths.add(flow.runId() + ":old");
            }
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            flow.step("charge", () -> "charged");
            return flow.patched("fraud-check-2") ? "v2" : "v2-old";
        });
        try (Baton baton = TestEngines.open(db, b -> b.workflow(v2))) {
            String newRun = baton.start("order", "o-2").runId();
            TestEngines.await("the new run to wait", Duration.ofSeconds(20), () -> baton.steps(newRun).size() == 4);
            baton.signal(oldRun, "go", true);
            baton.signal(newRun, "go", true);
            assertThat(baton.handle(oldRun).<String>result(Duration.ofSeconds(20))).isEqualTo("v2");
            assertThat(baton.handle(newRun).<String>result(Duration.ofSeconds(20))).isEqualTo("v2");
            assertThat(paths).contains(oldRun + ":old", newRun + ":new").doesNotContain(oldRun + ":new", newRun + ":old");
            assertThat(baton.steps(oldRun)).extracting(s -> s.name()).doesNotContain("fraud-check");
            assertThat(baton.steps(newRun)).extracting(s -> s.name()).contains("fraud-check");
        }
    }
}
