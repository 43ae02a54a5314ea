package dev.baton.bench;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.Map;

/**
 * The throughput workflow: {@code steps} trivial durable steps in sequence, each returning a
 * small int. The first step's body notes {@link System#nanoTime()} for its run, for the
 * start-to-first-step latency.
 */
public final class BenchSteps implements Workflow<BenchSteps.Job, Integer> {

    /** @param steps how many steps to run */
    public record Job(int steps) {
    }

    private final Map<String, Long> firstStepAt;

    /** @param firstStepAt where the first step of each run notes when its body ran, by run id */
    public BenchSteps(Map<String, Long> firstStepAt) {
        this.firstStepAt = firstStepAt;
    }

    @Override
    public Integer run(Flow flow, Job job) {
        String runId = flow.runId();
        int sum = 0;
        for (int i = 1; i <= job.steps(); i++) {
            int n = i;
            sum += flow.step("s" + i, () -> {
                if (n == 1) {
                    firstStepAt.putIfAbsent(runId, System.nanoTime());
                }
                return n;
            });
        }
        return sum;
    }
}
