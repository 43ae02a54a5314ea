package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.RunEvent;
import dev.baton.StartOptions;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engine throughput: N runs of {@link BenchSteps} started at once (one virtual thread per start),
 * each doing M trivial durable steps; durable steps per second = N·M over the time from the first
 * start to the last completion. Also the start-to-first-step latency of every run: from just
 * before {@code baton.start(...)} to the moment its first step body runs.
 */
final class EngineBench {

    /**
     * @param stepsPerSecond   N·M / elapsed
     * @param elapsedNanos     from the first start to the last completion
     * @param startToFirstStep one latency per run
     */
    record Result(double stepsPerSecond, long elapsedNanos, Latencies startToFirstStep) {
    }

    private static final String WORKFLOW = "BenchSteps";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private EngineBench() {
    }

    static StoreConfig store(Path file, String synchronous) {
        return StoreConfig.sqlite(file).with("synchronous", synchronous);
    }

    static Result run(Path file, String synchronous, int runs, int steps) throws InterruptedException {
        Map<String, Long> startAt = new ConcurrentHashMap<>();
        Map<String, Long> firstStepAt = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(runs);
        AtomicInteger failed = new AtomicInteger();

        try (Baton baton = Baton.builder()
                .store(store(file, synchronous))
                .workflow(WorkflowDefinition.of(new BenchSteps(firstStepAt)).withName(WORKFLOW))
                .maxActiveRuns(Math.max(runs, dev.baton.BatonBuilder.DEFAULT_MAX_ACTIVE_RUNS))
                .listener(event -> {
                    if (!WORKFLOW.equals(event.workflow())) {
                        return;
                    }
                    if (event.type() == RunEvent.Type.RUN_COMPLETED) {
                        finished.countDown();
                    } else if (event.type() == RunEvent.Type.RUN_FAILED || event.type() == RunEvent.Type.RUN_CANCELLED) {
                        failed.incrementAndGet();
                        finished.countDown();
                    }
                })
                .build()) {
            baton.start();

            long begin = System.nanoTime();
            try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < runs; i++) {
                    String runId = "bench-" + i;
                    starters.execute(() -> {
                        startAt.put(runId, System.nanoTime());
                        baton.start(WORKFLOW, new BenchSteps.Job(steps), StartOptions.runId(runId));
                    });
                }
            }
            if (!finished.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(finished.getCount() + " of " + runs
                        + " runs had not finished after " + TIMEOUT);
            }
            long elapsed = System.nanoTime() - begin;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " of " + runs + " benchmark runs failed; see "
                        + file + " (run with --keep to inspect it)");
            }

            long[] latencies = new long[runs];
            for (int i = 0; i < runs; i++) {
                String runId = "bench-" + i;
                Long first = firstStepAt.get(runId);
                if (first == null) {
                    throw new IllegalStateException("run " + runId + " completed without its first step noting its start");
                }
                latencies[i] = first - startAt.get(runId);
            }
            double perSecond = (double) runs * steps / (elapsed / 1e9);
            return new Result(perSecond, elapsed, new Latencies(latencies));
        }
    }
}
