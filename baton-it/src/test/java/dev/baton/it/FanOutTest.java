package dev.baton.it;

import dev.baton.Baton;
import dev.baton.Promise;
import dev.baton.StepFailedException;
import dev.baton.StepInfo;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class FanOutTest {
    @TempDir
    Path dir;

    @Test
    void aFanOutOfAThousandItemsNeverExceedsItsParallelismCap() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        var workflow = WorkflowDefinition.of("fan", Integer.class, (flow, count) -> {
            List<Integer> items = flow.step("list", () -> IntStream.range(0, count).boxed().toList());
            List<Integer> squares = flow.forEach("square", items, 8, i -> {
                int now = running.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(1);
                } finally {
                    running.decrementAndGet();
                }
                return i * i;
            });
            return squares.stream().mapToLong(Integer::longValue).sum();
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("fan", 1000);
            long expected = IntStream.range(0, 1000).mapToLong(i -> (long) i * i).sum();
            assertThat(run.<Long>result(Duration.ofSeconds(90))).isEqualTo(expected);
            assertThat(peak.get()).isLessThanOrEqualTo(8).isGreaterThan(1);
            List<StepInfo> steps = baton.steps(run.runId());
            assertThat(steps).hasSize(1001);
            assertThat(steps.get(1).name()).isEqualTo("square[0]");
            assertThat(steps.get(1000).name()).isEqualTo("square[999]");
        }
    }

    @Test
    void failedItemsLetTheOthersFinishThenTheLowestIndexFailureIsThrown() {
        AtomicInteger done = new AtomicInteger();
        var workflow = WorkflowDefinition.of("fan-fail", Integer.class, (flow, count) -> {
            try {
                flow.forEach("item", IntStream.range(0, count).boxed().toList(), 4, i -> {
                    if (i == 7 || i == 3) {
                        throw new IllegalStateException("bad item " + i);
                    }
                    done.incrementAndGet();
                    return i;
                });
                return "none failed";
            } catch (StepFailedException e) {
                return e.stepName() + ": " + e.failureMessage();
            }
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("fan-fail", 20);
            assertThat(run.<String>result(Duration.ofSeconds(30))).isEqualTo("item[3]: bad item 3");
            assertThat(done).hasValue(18);
        }
    }

    @Test
    void asyncStepsRunInParallelAndAreAwaitedInAnyOrder() {
        var workflow = WorkflowDefinition.of("parallel", String.class, (flow, in) -> {
            Promise<String> a = flow.async("a", () -> {
                Thread.sleep(200);
                return "A";
            });
            Promise<String> b = flow.async("b", () -> {
                Thread.sleep(200);
                return "B";
            });
            return b.await() + a.await();
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("parallel", "x");
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("BA");
            List<StepInfo> steps = baton.steps(run.runId());
            // Both started before either ended.
            assertThat(steps.get(1).startedAt()).isBefore(steps.get(0).endedAt());
        }
    }
}
