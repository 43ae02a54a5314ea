package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StepFailedException;
import dev.baton.Workflow;
import dev.baton.WorkflowDefinition;
import dev.baton.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ChildRunTest {
    @TempDir
    Path dir;

    record Line(String sku, int qty) {
    }

    static final class Pick implements Workflow<Line, List<String>> {
        @Override
        public List<String> run(Flow flow, Line line) {
            if (line.qty() < 0) {
                flow.step("reject", () -> {
                    throw new IllegalArgumentException("negative quantity for " + line.sku());
                });
            }
            return flow.step("pick", () -> java.util.stream.IntStream.range(0, line.qty()).mapToObj(i -> line.sku() + "#" + i).toList());
        }
    }

    @Test
    void aChildRunsDurablyAndItsTypedResultReachesTheParent() {
        var parent = WorkflowDefinition.of("order", String.class, (flow, in) -> {
            List<String> picked = flow.child(Pick.class, new Line(in, 2));
            try {
                flow.child(Pick.class, new Line("broken", -1));
                return "no failure";
            } catch (StepFailedException e) {
                return picked + " / " + e.failureType();
            }
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(new Pick()).workflow(parent))) {
            var run = baton.start("order", "sku-1");
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("[sku-1#0, sku-1#1] / " + StepFailedException.class.getName());
            assertThat(baton.findRun(run.runId() + ".1").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(baton.findRun(run.runId() + ".1").orElseThrow().parentRunId()).isEqualTo(run.runId());
            assertThat(baton.findRun(run.runId() + ".2").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        }
    }
}
