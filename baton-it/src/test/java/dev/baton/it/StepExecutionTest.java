package dev.baton.it;

import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.PayloadException;
import dev.baton.Retry;
import dev.baton.RunFailedException;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepContext;
import dev.baton.StepFailedException;
import dev.baton.StepInfo;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.StepTimeoutException;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class StepExecutionTest {
    record Item(String sku, int qty) {
    }

    @TempDir
    Path dir;

    @Test
    void aCompletedStepIsNotExecutedAgainWhenTheRunReplays() {
        AtomicInteger listed = new AtomicInteger();
        var workflow = WorkflowDefinition.of("replay", String.class, (flow, in) -> {
            List<Item> items = flow.step("list", () -> {
                listed.incrementAndGet();
                return List.of(new Item("a", 1), new Item("b", 2));
            });
            flow.sleep(Duration.ofSeconds(1)); // longer than the in-memory wait: the run replays after it
            return items.get(1).qty() + items.size();
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("replay", "x");
            assertThat(run.<Integer>result(Duration.ofSeconds(20))).isEqualTo(4);
        }
        assertThat(listed).hasValue(1);
    }

    @Test
    void retriesFollowTheConfiguredBackoffAndTheIdempotencyKeyIsStable() {
        var keys = ConcurrentHashMap.<String>newKeySet();
        Retry retry = Retry.exponential(4).withInitialInterval(Duration.ofMillis(100)).withCoefficient(2.0);
        var workflow = WorkflowDefinition.of("flaky", String.class, (flow, in) ->
                flow.step("call", StepOptions.retry(retry), () -> {
                    keys.add(StepContext.current().idempotencyKey());
                    if (StepContext.current().attempt() < 4) {
                        throw new IOException("attempt " + StepContext.current().attempt() + " failed");
                    }
                    return "ok";
                }));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("flaky", "x");
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("ok");
            StepInfo step = baton.steps(run.runId()).get(0);
            assertThat(step.status()).isEqualTo(StepStatus.COMPLETED);
            List<AttemptInfo> attempts = step.attempts();
            assertThat(attempts).extracting(AttemptInfo::attempt).containsExactly(1, 2, 3, 4);
            assertThat(attempts.get(0).error().message()).isEqualTo("attempt 1 failed");
            long[] expected = {100, 200, 400};
            for (int i = 0; i < 3; i++) {
                long gap = attempts.get(i + 1).startedAt().toEpochMilli() - attempts.get(i).endedAt().toEpochMilli();
                assertThat(gap).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(expected[i]);
                assertThat(attempts.get(i).nextAttemptAt().toEpochMilli() - attempts.get(i).endedAt().toEpochMilli())
                        .isEqualTo(expected[i]);
            }
            assertThat(keys).hasSize(1);
        }
    }

    @Test
    void aNonRetryableExceptionStopsAtOnceAndTheWorkflowCanBranchOnIt() {
        AtomicInteger calls = new AtomicInteger();
        var workflow = WorkflowDefinition.of("branch", String.class, (flow, in) -> {
            try {
                flow.step("validate", StepOptions.retry(Retry.exponential(5).withNonRetryable(IllegalArgumentException.class)),
                        () -> {
                            calls.incrementAndGet();
                            throw new NumberFormatException("not a number: " + in);
                        });
                return "valid";
            } catch (StepFailedException e) {
                return e.isCausedBy(IllegalArgumentException.class) ? "rejected after " + e.attempts() : "other";
            }
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("branch", "abc");
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("rejected after 1");
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void aTimeoutFailsTheAttemptAndTheNextAttemptRuns() {
        var workflow = WorkflowDefinition.of("slow", String.class, (flow, in) ->
                flow.step("slow-call", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(10))).withTimeout(Duration.ofMillis(200)), () -> {
                    if (StepContext.current().attempt() == 1) {
                        Thread.sleep(10_000);
                    }
                    return "second";
                }));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("slow", "x");
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("second");
            AttemptInfo first = baton.steps(run.runId()).get(0).attempts().get(0);
            assertThat(first.error().type()).isEqualTo(StepTimeoutException.class.getName());
            assertThat(first.error().message()).contains("timed out after 200ms");
        }
    }

    @Test
    void aStepResultThatCannotBeSerializedFailsTheStepNamingItsType() {
        var workflow = WorkflowDefinition.of("unserializable", String.class, (flow, in) ->
                flow.step("make-thread", () -> new Object() {
                    @SuppressWarnings("unused")
                    public Thread getThread() {
                        return Thread.currentThread();
                    }
                }));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("unserializable", "x");
            RunInfo info = run.await(Duration.ofSeconds(20));
            assertThat(info.status()).isEqualTo(RunStatus.FAILED);
            StepInfo step = baton.steps(run.runId()).get(0);
            assertThat(step.status()).isEqualTo(StepStatus.FAILED);
            assertThat(step.error().type()).isEqualTo(PayloadException.class.getName());
            assertThat(step.error().message()).contains("result of step 'make-thread'").contains("StepExecutionTest$");
        }
    }

    @Test
    void aWorkflowThatThrowsFailsTheRunWithItsErrorAndStackTrace() {
        var workflow = WorkflowDefinition.of("throws", String.class, (flow, in) -> {
            flow.step("before", () -> 1);
            throw new IllegalStateException("inventory is negative for " + in);
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("throws", "sku-9");
            assertThatThrownBy(() -> run.result(Duration.ofSeconds(20)))
                    .isInstanceOf(RunFailedException.class)
                    .hasMessageContaining("inventory is negative for sku-9");
            RunInfo info = run.info();
            assertThat(info.error().type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(info.error().stackTrace()).contains("StepExecutionTest");
            assertThat(baton.timeline(run.runId())).extracting(e -> e.type())
                    .containsSubsequence("RUN_CREATED", "RUN_STARTED", "RUN_FAILED");
        }
    }
}
