package dev.baton.it;

import dev.baton.Baton;
import dev.baton.Retry;
import dev.baton.RunInfo;
import dev.baton.RunStateException;
import dev.baton.RunStatus;
import dev.baton.StepFailedException;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Baton#retry} of a parent whose child run failed: the failed child is retried with it, from
 * the child's own last checkpoint, under the same child run id.
 */
@Timeout(60)
class RetryChildRunTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** Which step bodies executed, in order: the ledger of attempts as the steps themselves saw them. */
    private final Queue<String> executed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean broken = new AtomicBoolean(true);

    /** extract completes; load fails (once, no retry) while {@link #broken}. */
    private WorkflowDefinition<String, String> load() {
        return WorkflowDefinition.of("load", String.class, (flow, day) -> {
            int rows = flow.step("extract", () -> {
                executed.add("load:extract");
                return 42;
            });
            return flow.step("load", StepOptions.retry(Retry.none()), () -> {
                executed.add("load:load");
                if (broken.get()) {
                    throw new IllegalStateException("the warehouse is locked");
                }
                return day + ": " + rows + " rows";
            });
        });
    }

    /** prepare completes, then the child run of {@link #load()}, then report. */
    private WorkflowDefinition<String, String> nightly() {
        return WorkflowDefinition.of("nightly", String.class, (flow, day) -> {
            String prepared = flow.step("prepare", () -> {
                executed.add("nightly:prepare");
                return "prepared " + day;
            });
            String loaded = flow.child("load", day);
            return flow.step("report", () -> {
                executed.add("nightly:report");
                return prepared + ", " + loaded;
            });
        });
    }

    /** A parent that runs nightly as its child: the failure is two levels down. */
    private WorkflowDefinition<String, String> weekly() {
        return WorkflowDefinition.of("weekly", String.class, (flow, day) -> {
            flow.step("open", () -> {
                executed.add("weekly:open");
                return day;
            });
            String nightly = flow.child("nightly", day);
            return "week of " + nightly;
        });
    }

    @Test
    void retryingAParentRetriesItsFailedChildFromTheChildsLastCheckpoint() {
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(load()).workflow(nightly()))) {
            String id = baton.start("nightly", "2026-11-26").runId();
            String childId = id + ".2";
            RunInfo failed = TestEngines.awaitStatus(baton, id, RunStatus.FAILED, TIMEOUT);
            assertThat(failed.error().message()).contains("the warehouse is locked");
            assertThat(baton.findRun(childId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(executed).containsExactly("nightly:prepare", "load:extract", "load:load");

            broken.set(false);
            baton.retry(id);

            RunInfo done = TestEngines.awaitStatus(baton, id, RunStatus.COMPLETED, TIMEOUT);
            assertThat(done.output()).isEqualTo("\"prepared 2026-11-26, 2026-11-26: 42 rows\"");
            RunInfo child = baton.findRun(childId).orElseThrow();
            assertThat(child.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(child.parentRunId()).isEqualTo(id);
            // No completed step ran twice: only the step that had failed ran again.
            assertThat(executed).containsExactly("nightly:prepare", "load:extract", "load:load", "load:load",
                    "nightly:report");
            assertEveryCompletedStepRanOnce(baton, id);
            assertEveryCompletedStepRanOnce(baton, childId);
            StepInfo call = baton.steps(id).get(1);
            assertThat(call.kind()).isEqualTo(StepKind.CHILD);
            assertThat(call.status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(call.detail()).isEqualTo(childId);
            assertThat(baton.runs(new dev.baton.RunQuery(null, null, null, null, 100, 0)))
                    .extracting(RunInfo::id).containsExactlyInAnyOrder(id, childId);
            assertThat(baton.timeline(childId)).extracting(e -> e.type())
                    .containsSubsequence("RUN_FAILED", "RUN_RETRIED", "RUN_COMPLETED");
            assertThat(baton.timeline(childId)).filteredOn(e -> e.type().equals("RUN_RETRIED")).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("with its parent run " + id)
                            .contains("the warehouse is locked"));
        }
    }

    @Test
    void aRetryReachesAFailureTwoLevelsDownAndSurvivesARestart() {
        Path db = dir.resolve("b.db");
        String id;
        try (Baton first = TestEngines.open(db, b -> b.workflow(load()).workflow(nightly()).workflow(weekly()))) {
            id = first.start("weekly", "2026-11-23").runId();
            TestEngines.awaitStatus(first, id, RunStatus.FAILED, TIMEOUT);
            assertThat(first.findRun(id + ".2").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(first.findRun(id + ".2.2").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        }
        broken.set(false);
        try (Baton second = TestEngines.open(db, b -> b.workflow(load()).workflow(nightly()).workflow(weekly()))) {
            second.retry(id);
            assertThat(TestEngines.awaitStatus(second, id, RunStatus.COMPLETED, TIMEOUT).output())
                    .isEqualTo("\"week of prepared 2026-11-23, 2026-11-23: 42 rows\"");
            assertThat(second.findRun(id + ".2").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(second.findRun(id + ".2.2").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(executed).containsExactly("weekly:open", "nightly:prepare", "load:extract", "load:load",
                    "load:load", "nightly:report");
            assertEveryCompletedStepRanOnce(second, id);
            assertEveryCompletedStepRanOnce(second, id + ".2");
            assertEveryCompletedStepRanOnce(second, id + ".2.2");
        }
    }

    @Test
    void aChildFailureTheParentCaughtReplaysAndTheChildIsNotRetried() {
        AtomicBoolean auditDown = new AtomicBoolean(true);
        var tolerant = WorkflowDefinition.of("tolerant", String.class, (flow, day) -> {
            String loaded;
            try {
                loaded = flow.child("load", day);
            } catch (StepFailedException e) {
                loaded = "no load";
            }
            flow.step("mark", () -> {
                executed.add("tolerant:mark");
                return "marked";
            });
            String result = loaded;
            return flow.step("audit", StepOptions.retry(Retry.none()), () -> {
                executed.add("tolerant:audit");
                if (auditDown.get()) {
                    throw new IllegalStateException("the audit service is down");
                }
                return result;
            });
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(load()).workflow(tolerant))) {
            String id = baton.start("tolerant", "2026-11-27").runId();
            String childId = id + ".1";
            TestEngines.awaitStatus(baton, id, RunStatus.FAILED, TIMEOUT);
            assertThat(baton.findRun(childId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);

            broken.set(false);
            auditDown.set(false);
            baton.retry(id);

            // The parent had caught the child's failure and gone on: that failure replays as it was.
            assertThat(TestEngines.awaitStatus(baton, id, RunStatus.COMPLETED, TIMEOUT).output())
                    .isEqualTo("\"no load\"");
            assertThat(baton.findRun(childId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(baton.timeline(childId)).extracting(e -> e.type()).doesNotContain("RUN_RETRIED");
            assertThat(executed).containsExactly("load:extract", "load:load", "tolerant:mark", "tolerant:audit",
                    "tolerant:audit");
            assertThat(baton.steps(id).get(0).status()).isEqualTo(StepStatus.FAILED);
        }
    }

    @Test
    void aParentThatFailedWithACancelledChildIsNotRetried() {
        var waits = WorkflowDefinition.of("waits", String.class,
                (flow, in) -> flow.awaitSignal("go", Boolean.class, Duration.ofHours(1)).orElse(false) ? "went" : "timeout");
        var parent = WorkflowDefinition.of("parent", String.class, (flow, in) -> flow.<String>child("waits", in));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(waits).workflow(parent))) {
            String id = baton.start("parent", "x").runId();
            String childId = id + ".1";
            TestEngines.awaitStatus(baton, childId, RunStatus.WAITING, TIMEOUT);
            baton.cancel(childId);
            TestEngines.awaitStatus(baton, id, RunStatus.FAILED, TIMEOUT);

            assertThatThrownBy(() -> baton.retry(id)).isInstanceOf(RunStateException.class)
                    .hasMessageContaining("run " + id + " failed because its child run " + childId + " (waits) was cancelled")
                    .hasMessageContaining("start a new run of 'parent' instead");
            assertThat(baton.findRun(id).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(baton.findRun(childId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        }
    }

    private static void assertEveryCompletedStepRanOnce(Baton baton, String runId) {
        List<StepInfo> steps = baton.steps(runId);
        assertThat(steps).as("steps of run %s", runId).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.COMPLETED);
            if (step.kind() == StepKind.STEP) {
                assertThat(step.attempts()).as("attempts of step '%s' of run %s", step.name(), runId).hasSize(1);
            }
        });
    }
}
