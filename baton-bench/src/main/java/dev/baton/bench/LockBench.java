package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunStatus;
import dev.baton.StepOptions;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Lock hand-over latency: many runs whose one step holds the lock {@code table} line up for it;
 * each hand-over is measured from the end of one holder's step body to the start of the next
 * holder's body, so it covers the release (a durable write), waking the next in line, its
 * acquisition (a durable write with a new fencing token) and its step's dispatch.
 */
final class LockBench {
    private static final String WORKFLOW = "BenchLocked";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private LockBench() {
    }

    /** One step body in the lock: when it began and ended, in nanoseconds. */
    private record Span(long began, long ended) {
    }

    static Latencies run(Path file, String synchronous, int handOvers) throws InterruptedException {
        ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
        var workflow = WorkflowDefinition.of(WORKFLOW, Integer.class, (flow, n) ->
                flow.step("write-table", StepOptions.locking("table"), () -> {
                    long began = System.nanoTime();
                    spans.add(new Span(began, System.nanoTime()));
                    return n;
                }));
        try (Baton baton = Baton.builder().store(EngineBench.store(file, synchronous)).lock("table")
                .workflow(workflow).inMemoryWait(Duration.ofMinutes(1)).build()) {
            baton.start();
            List<RunHandle> runs = new ArrayList<>();
            for (int i = 0; i <= handOvers; i++) {
                runs.add(baton.start(WORKFLOW, i));
            }
            for (RunHandle run : runs) {
                if (run.await(TIMEOUT).status() != RunStatus.COMPLETED) {
                    throw new IllegalStateException("run " + run.runId() + " did not complete: " + run.info());
                }
            }
        }
        Span[] ordered = spans.toArray(Span[]::new);
        Arrays.sort(ordered, (a, b) -> Long.compare(a.began(), b.began()));
        long[] handOver = new long[ordered.length - 1];
        for (int i = 1; i < ordered.length; i++) {
            handOver[i - 1] = ordered[i].began() - ordered[i - 1].ended();
        }
        return new Latencies(handOver);
    }
}
