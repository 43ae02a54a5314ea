package dev.baton.it;

import dev.baton.Baton;
import dev.baton.Retry;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.RunStateException;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Baton#retry}: a FAILED run resumes from its last checkpoint under the same id. */
@Timeout(60)
class RetryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final AtomicInteger optionalCalls = new AtomicInteger();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger swapAttempts = new AtomicInteger();

    /**
     * An optional step whose failure the workflow catches and goes on from, a step that completes,
     * and a step retried twice that fails while {@link #broken}.
     */
    private WorkflowDefinition<String, String> nightly() {
        return WorkflowDefinition.of("nightly", String.class, (flow, day) -> {
            String warmed;
            try {
                warmed = flow.step("warm-cache", () -> {
                    optionalCalls.incrementAndGet();
                    throw new IllegalStateException("cache unavailable");
                });
            } catch (RuntimeException e) {
                warmed = "cold";
            }
            long rows = flow.step("load", () -> loads.incrementAndGet() * 100L);
            String cache = warmed;
            return flow.step("swap", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(20))), () -> {
                swapAttempts.incrementAndGet();
                if (broken.get()) {
                    throw new IllegalStateException("the warehouse is locked");
                }
                return day + ": " + rows + " rows, " + cache;
            });
        });
    }

    @Test
    void aFailedRunResumesFromItsLastCheckpointAndTheFailedStepGetsAFreshAttemptCount() {
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(nightly()))) {
            String id = baton.start("nightly", "2026-11-25").runId();
            RunInfo failed = TestEngines.awaitStatus(baton, id, RunStatus.FAILED, TIMEOUT);
            assertThat(failed.error().message()).contains("the warehouse is locked");
            assertThat(swapAttempts).hasValue(2);

            broken.set(false);
            baton.retry(id);

            RunInfo done = TestEngines.awaitStatus(baton, id, RunStatus.COMPLETED, TIMEOUT);
            assertThat(done.id()).isEqualTo(id);
            assertThat(done.error()).isNull();
            assertThat(done.output()).isEqualTo("\"2026-11-25: 100 rows, cold\"");
            // The completed step and the caught failure replayed; only the failed step ran again.
            assertThat(loads).hasValue(1);
            assertThat(optionalCalls).hasValue(1);
            assertThat(swapAttempts).hasValue(3);
            StepInfo swap = baton.steps(id).get(2);
            assertThat(swap.status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(swap.attempts()).extracting(a -> a.attempt()).containsExactly(1);
            assertThat(baton.steps(id).get(0).status()).isEqualTo(StepStatus.FAILED);
            assertThat(baton.timeline(id)).extracting(e -> e.type())
                    .containsSubsequence("RUN_FAILED", "RUN_RETRIED", "RUN_COMPLETED");
            assertThat(baton.timeline(id)).filteredOn(e -> e.type().equals("RUN_RETRIED")).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("the warehouse is locked"));
        }
    }

    @Test
    void aRunThatFailedInOneProcessIsRetriedByAnother() {
        Path db = dir.resolve("b.db");
        String id;
        try (Baton first = TestEngines.open(db, b -> b.workflow(nightly()))) {
            id = first.start("nightly", "2026-11-26").runId();
            TestEngines.awaitStatus(first, id, RunStatus.FAILED, TIMEOUT);
        }
        broken.set(false);
        try (Baton second = TestEngines.open(db, b -> b.workflow(nightly()))) {
            second.retry(id);
            assertThat(TestEngines.awaitStatus(second, id, RunStatus.COMPLETED, TIMEOUT).output())
                    .isEqualTo("\"2026-11-26: 100 rows, cold\"");
            assertThat(loads).hasValue(1);
        }
    }

    @Test
    void onlyAFailedRunCanBeRetried() {
        var waits = WorkflowDefinition.of("waits", String.class,
                (flow, in) -> flow.awaitSignal("go", Boolean.class, Duration.ofHours(1)).orElse(false) ? "went" : "timeout");
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(nightly()).workflow(waits))) {
            assertThatThrownBy(() -> baton.retry("nope")).isInstanceOf(RunNotFoundException.class);

            String waiting = baton.start("waits", "x").runId();
            TestEngines.awaitStatus(baton, waiting, RunStatus.WAITING, TIMEOUT);
            assertThatThrownBy(() -> baton.retry(waiting)).isInstanceOf(RunStateException.class)
                    .hasMessageContaining("run " + waiting + " is WAITING, not FAILED")
                    .hasMessageContaining("wait for it, or cancel it");

            baton.signal(waiting, "go", true);
            TestEngines.awaitStatus(baton, waiting, RunStatus.COMPLETED, TIMEOUT);
            assertThatThrownBy(() -> baton.retry(waiting)).isInstanceOf(RunStateException.class)
                    .hasMessageContaining("is COMPLETED, not FAILED").hasMessageContaining("start a new run instead");

            String cancelled = baton.start("waits", "y").runId();
            baton.cancel(cancelled);
            TestEngines.awaitStatus(baton, cancelled, RunStatus.CANCELLED, TIMEOUT);
            assertThatThrownBy(() -> baton.retry(cancelled)).isInstanceOf(RunStateException.class)
                    .hasMessageContaining("was cancelled on purpose");
        }
    }
}
