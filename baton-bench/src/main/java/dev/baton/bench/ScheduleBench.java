package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.CatchUp;
import dev.baton.Schedule;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schedule fire lateness: N interval schedules of one minute on one workflow whose single step
 * notes when it began. Lateness is that moment minus the fire's logical time (the run sees it as
 * {@code flow.logicalTime()}). Two layouts: fires spread evenly over each minute, and all N due at
 * the same instant (the top of a minute).
 */
final class ScheduleBench {
    private static final String WORKFLOW = "BenchTick";

    /**
     * @param lateness          per fire measured, from the logical time to the step's start
     * @param firesPerSecond    spread: fires per second over the window; simultaneous: fires per second until the last started
     * @param lastStartedMillis the largest lateness (for simultaneous fires: from the instant to the last fire's step start)
     * @param startup           the fires due in the engine's first seconds, while it registers the schedules; not measured above
     */
    record Result(Latencies lateness, double firesPerSecond, double lastStartedMillis, Latencies startup) {
    }

    /**
     * How long after the engine starts the measured fires begin: the first pass registers every
     * schedule (thousands of rows) and warms the JVM, which is the engine starting up, not firing.
     */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private ScheduleBench() {
    }

    static Result run(Path file, ScheduleBenchmarks.StoreOptions store, int schedules, boolean simultaneous, Duration window)
            throws InterruptedException {
        Map<String, long[]> fired = new ConcurrentHashMap<>();
        var workflow = WorkflowDefinition.of(WORKFLOW, Void.class, (flow, in) -> {
            Instant logical = flow.logicalTime();
            return flow.step("tick", () -> {
                long late = Duration.between(logical, Instant.now()).toNanos();
                fired.putIfAbsent(flow.runId(), new long[] {logical.toEpochMilli(), late});
                return late;
            });
        });
        Schedule[] all = new Schedule[schedules];
        for (int i = 0; i < schedules; i++) {
            long offset = simultaneous ? 0 : (60_000L * i) / schedules;
            all[i] = Schedule.every(Duration.ofMinutes(1)).startingAt(Instant.EPOCH.plusMillis(offset))
                    .catchUp(CatchUp.none()).id("s" + i);
        }
        BatonBuilder builder = Baton.builder().store(store.config(file))
                .maxActiveRuns(Math.max(schedules, BatonBuilder.DEFAULT_MAX_ACTIVE_RUNS))
                .workflow(workflow, all);
        try (Baton baton = builder.build()) {
            baton.start();
            // Measure the fires due in a window that opens once the engine has settled, then wait
            // for the last of them to start.
            long from = Instant.now().plus(SETTLE).toEpochMilli();
            long until = from + window.toMillis();
            Thread.sleep(until + 3_000 - Instant.now().toEpochMilli());
            long[] late = fired.values().stream().filter(f -> f[0] >= from && f[0] < until).mapToLong(f -> f[1]).toArray();
            long[] early = fired.values().stream().filter(f -> f[0] < from).mapToLong(f -> f[1]).toArray();
            long fires = late.length;
            double last = late.length == 0 ? Double.NaN : java.util.Arrays.stream(late).max().getAsLong() / 1e6;
            // Spread fires come at a fixed rate, so their rate is the count over the window; fires due
            // together are started as fast as the engine can, so their rate is the count over the time
            // until the last one started.
            double perSecond = simultaneous ? fires / (last / 1000.0) : fires / (window.toMillis() / 1000.0);
            return new Result(new Latencies(late), perSecond, last, new Latencies(early));
        }
    }
}
