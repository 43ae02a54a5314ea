package dev.baton.examples;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import dev.baton.examples.ReleaseApproval.Decision;
import dev.baton.examples.ReleaseApproval.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.baton.examples.TestEngine.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ReleaseApprovalTest {

    @TempDir
    Path dir;

    @Test
    void anApprovedReleaseIsPublished() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("ReleaseApproval", new Release("2.4.0"));
            awaitNotesBuilt(baton, run);

            baton.signal(run.runId(), ReleaseApproval.APPROVE_SIGNAL, true);
            Decision decision = run.result(RESULT_TIMEOUT);

            assertThat(decision).isEqualTo(new Decision("2.4.0", true));
            assertThat(stepNames(baton, run)).containsExactly("build-release-notes", "publish");
            assertThat(signalStep(baton, run).status()).isEqualTo(StepStatus.COMPLETED);
        }
    }

    @Test
    void aRejectedReleaseIsDiscarded() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("ReleaseApproval", new Release("2.5.0"));
            awaitNotesBuilt(baton, run);

            baton.signal(run.runId(), ReleaseApproval.APPROVE_SIGNAL, false);
            Decision decision = run.result(RESULT_TIMEOUT);

            assertThat(decision).isEqualTo(new Decision("2.5.0", false));
            assertThat(stepNames(baton, run)).containsExactly("build-release-notes", "discard");
        }
    }

    @Test
    void anApprovalSentBeforeTheRunWaitsIsKeptUntilItDoes() {
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))
                .workflows(new ExampleCatalog()).build()) {
            // Not started yet: the run is stored but cannot reach the wait before the signal is.
            RunHandle run = baton.start("ReleaseApproval", new Release("2.6.0"));
            baton.signal(run.runId(), ReleaseApproval.APPROVE_SIGNAL, true);
            baton.start();

            assertThat(run.<Decision>result(RESULT_TIMEOUT)).isEqualTo(new Decision("2.6.0", true));
        }
    }

    @Test
    void noAnswerBeforeTheTimeoutCountsAsARejection() {
        WorkflowDefinition<Release, Decision> impatient = WorkflowDefinition.of(new ReleaseApproval(Duration.ofSeconds(1)))
                .withName("ImpatientReleaseApproval");
        try (Baton baton = TestEngine.start(dir, impatient)) {
            RunHandle run = baton.start("ImpatientReleaseApproval", new Release("2.7.0"));

            Decision decision = run.result(RESULT_TIMEOUT);

            assertThat(decision).isEqualTo(new Decision("2.7.0", false));
            assertThat(stepNames(baton, run)).containsExactly("build-release-notes", "discard");
        }
    }

    private static void awaitNotesBuilt(Baton baton, RunHandle run) {
        TestEngine.awaitUntil(RESULT_TIMEOUT, "build-release-notes of run " + run.runId() + " to complete",
                () -> baton.steps(run.runId()).stream()
                        .anyMatch(s -> s.name().equals("build-release-notes") && s.status() == StepStatus.COMPLETED));
    }

    private static StepInfo signalStep(Baton baton, RunHandle run) {
        return baton.steps(run.runId()).stream().filter(s -> s.kind() == StepKind.SIGNAL).findFirst()
                .orElseThrow(() -> new AssertionError("no signal wait recorded in run " + run.runId()));
    }

    private static List<String> stepNames(Baton baton, RunHandle run) {
        return baton.steps(run.runId()).stream().filter(s -> s.kind() == StepKind.STEP).map(StepInfo::name).toList();
    }
}
