package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepStatus;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CancellationTest {
    @TempDir
    Path dir;

    @Test
    void cancellingInterruptsTheRunningStepAndFinallyBlocksRunCompensationSteps() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        var workflow = WorkflowDefinition.of("long-job", String.class, (flow, in) -> {
            try {
                flow.step("crunch", () -> {
                    inStep.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    return "never";
                });
                return "finished";
            } finally {
                flow.step("release-resources", () -> "released");
            }
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("long-job", "x");
            assertThat(inStep.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            baton.cancel(run.runId());
            RunInfo info = TestEngines.awaitStatus(baton, run.runId(), RunStatus.CANCELLED, Duration.ofSeconds(20));
            assertThat(interrupted).isTrue();
            var steps = baton.steps(run.runId());
            assertThat(steps.get(0).status()).isEqualTo(StepStatus.CANCELLED);
            assertThat(steps.get(1).name()).isEqualTo("release-resources");
            assertThat(steps.get(1).status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(info.error().type()).isEqualTo("dev.baton.RunCancelledException");
            assertThat(baton.timeline(run.runId())).extracting(e -> e.type()).contains("CANCEL_REQUESTED", "RUN_CANCELLED");
        }
    }

    /**
     * A cancel is delivered again until the run ends (each poll of the owning process re-reads the
     * request, and {@code cancel} may be called twice): a compensation step running by then is not
     * interrupted by it.
     */
    @Test
    void aCancelDeliveredAgainDoesNotInterruptTheCompensationStepOfAFinallyBlock() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch inCompensation = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean compensationInterrupted = new AtomicBoolean();
        var workflow = WorkflowDefinition.of("long-job", String.class, (flow, in) -> {
            try {
                flow.step("crunch", () -> {
                    inStep.countDown();
                    Thread.sleep(60_000);
                    return "never";
                });
                return "finished";
            } finally {
                flow.step("release-resources", () -> {
                    inCompensation.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        compensationInterrupted.set(true);
                        throw e;
                    }
                    return "released";
                });
            }
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("long-job", "x");
            assertThat(inStep.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            baton.cancel(run.runId());
            assertThat(inCompensation.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            baton.cancel(run.runId()); // delivered again while the compensation step runs
            release.countDown();

            TestEngines.awaitStatus(baton, run.runId(), RunStatus.CANCELLED, Duration.ofSeconds(20));
            assertThat(compensationInterrupted).isFalse();
            var steps = baton.steps(run.runId());
            assertThat(steps.get(0).status()).isEqualTo(StepStatus.CANCELLED);
            assertThat(steps.get(1).status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(steps.get(1).output()).isEqualTo("\"released\"");
        }
    }

    @Test
    void cancellingAParentCancelsItsChildRun() {
        var child = WorkflowDefinition.of("child", String.class, (flow, in) -> {
            flow.awaitSignal("never", String.class, Duration.ofHours(1));
            return "child done";
        });
        var parent = WorkflowDefinition.of("parent", String.class, (flow, in) -> flow.<String>child("child", in));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(child).workflow(parent))) {
            var run = baton.start("parent", "x");
            String childId = run.runId() + ".1";
            TestEngines.awaitStatus(baton, childId, RunStatus.WAITING, Duration.ofSeconds(20));
            baton.cancel(run.runId());
            TestEngines.awaitStatus(baton, run.runId(), RunStatus.CANCELLED, Duration.ofSeconds(20));
            TestEngines.awaitStatus(baton, childId, RunStatus.CANCELLED, Duration.ofSeconds(20));
        }
    }

    @Test
    void cancellingAWaitingRunWhoseThreadWasReleasedEndsIt() {
        var workflow = WorkflowDefinition.of("sleeper", String.class, (flow, in) -> {
            flow.sleep(Duration.ofHours(2));
            return "woke";
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("sleeper", "x");
            TestEngines.await("the run to release its thread", Duration.ofSeconds(20),
                    () -> baton.findRun(run.runId()).map(r -> r.status() == RunStatus.WAITING && r.owner() == null).orElse(false));
            baton.cancel(run.runId());
            TestEngines.awaitStatus(baton, run.runId(), RunStatus.CANCELLED, Duration.ofSeconds(20));
            assertThat(baton.steps(run.runId()).get(0).status()).isEqualTo(StepStatus.CANCELLED);
        }
    }

    @Test
    void cancellingAChildThatHasNotStartedFailsTheParentsAwaitInsteadOfLeavingItWaiting() {
        var child = WorkflowDefinition.of("child", String.class, (flow, in) -> "child done");
        var parent = WorkflowDefinition.of("parent", String.class, (flow, in) -> {
            try {
                return flow.<String>child("child", in);
            } catch (dev.baton.StepFailedException e) {
                return "child ended: " + e.failureType();
            }
        });
        // One run at a time, and a long in-memory wait: the parent keeps the only slot, so its child stays PENDING.
        try (Baton baton = dev.baton.Baton.builder().store(dev.baton.StoreConfig.sqlite(dir.resolve("b.db")))
                .workflow(child).workflow(parent).maxActiveRuns(1).inMemoryWait(Duration.ofSeconds(30)).build()) {
            baton.start();
            var run = baton.start("parent", "x");
            String childId = run.runId() + ".1";
            TestEngines.awaitStatus(baton, childId, RunStatus.PENDING, Duration.ofSeconds(20));
            baton.cancel(childId);
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("child ended: dev.baton.RunCancelledException");
            assertThat(baton.findRun(childId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        }
    }
}
