package dev.baton.examples;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.examples.FanOut.Batch;
import dev.baton.examples.FanOut.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class FanOutTest {

    @TempDir
    Path dir;

    @Test
    void processesEveryItemAsItsOwnDurableStepAndSumsTheResults() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("FanOut", new Batch(1_000));

            Summary summary = run.result(Duration.ofSeconds(90));

            long expectedTotal = IntStream.rangeClosed(1, 1_000).mapToLong(FanOut::collatzSteps).sum();
            assertThat(summary).isEqualTo(new Summary(1_000, expectedTotal));

            List<StepInfo> steps = baton.steps(run.runId());
            List<StepInfo> items = steps.stream().filter(s -> s.name().startsWith("process[")).toList();
            assertThat(items).hasSize(1_000);
            assertThat(items).extracting(StepInfo::name)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "process[" + i + "]").toList());
            assertThat(items).allSatisfy(item -> {
                assertThat(item.kind()).isEqualTo(StepKind.STEP);
                assertThat(item.status()).isEqualTo(StepStatus.COMPLETED);
                assertThat(item.attempts()).hasSize(1);
            });
            // process[i] handled item i + 1, so its checkpoint holds collatzSteps(i + 1).
            assertThat(items).allSatisfy(item -> {
                int index = Integer.parseInt(item.name().substring("process[".length(), item.name().length() - 1));
                assertThat(item.output()).isEqualTo(Integer.toString(FanOut.collatzSteps(index + 1)));
            });
            assertThat(steps.get(0).name()).isEqualTo("list-items");
            assertThat(steps.get(steps.size() - 1).name()).isEqualTo("summarize");
        }
    }

    @Test
    void anEmptyBatchStillSummarizes() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("FanOut", new Batch(0));

            Summary summary = run.result(TestEngine.RESULT_TIMEOUT);

            assertThat(summary).isEqualTo(new Summary(0, 0));
            assertThat(baton.steps(run.runId())).extracting(StepInfo::name).containsExactly("list-items", "summarize");
        }
    }

    @Test
    void collatzStepsCountsTheStepsDownToOne() {
        assertThat(FanOut.collatzSteps(1)).isZero();
        assertThat(FanOut.collatzSteps(6)).isEqualTo(8);
        assertThat(FanOut.collatzSteps(27)).isEqualTo(111);
    }
}
