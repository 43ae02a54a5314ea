package dev.baton.engine.observe;

import dev.baton.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's meters, all named {@code baton.*} (docs/observability.md lists them with their
 * tags). Tags are bounded: workflow, step and lock names come from code, never from run input;
 * fan-out steps ({@code load[17]}) and per-key concurrency pools are counted under their common name.
 */
public final class EngineMetrics {
    /** A workflow's concurrency pool is {@code workflow:NAME} or {@code workflow:NAME:KEY}. */
    private static final String CONCURRENCY_PREFIX = "workflow:";

    private final MeterRegistry registry;
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();
    private final Timer batchDuration;
    private final DistributionSummary batchWrites;
    private final Counter batchFailures;
    /** Step timers by workflow, then step name as given, then outcome (completed, failed). */
    private final java.util.Map<String, java.util.Map<String, java.util.concurrent.atomic.AtomicReferenceArray<Timer>>> stepTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Counter> runsStarted = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<RunEndKey, RunEndMeters> runEnds = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<LockKey, Timer> lockTimers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Schedule lateness timers by workflow, then schedule id. */
    private final java.util.Map<String, java.util.Map<String, Timer>> scheduleTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger parked = new java.util.concurrent.atomic.AtomicInteger();

    /** @param registry where the meters are registered */
    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchDuration = Timer.builder("baton.store.batch.duration")
                .description("Time to apply one batch of writes to the store in one transaction (the single writer)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.batchWrites = DistributionSummary.builder("baton.store.batch.writes")
                .description("Writes committed together in one batch (one transaction) by the single writer")
                .baseUnit("writes")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(8_192.0)
                .register(registry);
        this.batchFailures = Counter.builder("baton.store.batch.failures")
                .description("Batches the store refused; their writes were retried one caller at a time")
                .register(registry);
    }

    /** @return the registry the meters are in */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Registers a gauge removed again by {@link #close()}, so that a later engine in the same
     * process (sharing the global registry) reports its own values.
     */
    public void gauge(String name, String description, Supplier<Number> value) {
        gauges.add(Gauge.builder(name, value).description(description).strongReference(true).register(registry));
    }

    /** A run began waiting in memory (sleep, signal, lock, child run, retry backoff). */
    public void parked() {
        parked.incrementAndGet();
    }

    /** A run stopped waiting in memory (what it waited for came, or it released its thread). */
    public void unparked() {
        parked.decrementAndGet();
    }

    /** @return runs waiting in memory now */
    public int parkedRuns() {
        return parked.get();
    }

    /** @param workflow a run of it executes for the first time */
    public void runStarted(String workflow) {
        // Meters on a run's or a step's path are looked up in maps of their own rather than built each time.
        runsStarted.computeIfAbsent(workflow, key -> Counter.builder("baton.runs.started")
                .description("Runs that began executing (first execution, not resumptions)")
                .tag("workflow", key).register(registry)).increment();
    }

    /**
     * @param workflow     the run's workflow
     * @param status       how it ended
     * @param durationMs   from its first start to its end, or negative when it never started
     */
    public void runFinished(String workflow, RunStatus status, long durationMs) {
        RunEndMeters meters = runEnds.computeIfAbsent(new RunEndKey(workflow, status), key -> {
            String tag = key.status().name().toLowerCase(java.util.Locale.ROOT);
            return new RunEndMeters(
                    Counter.builder("baton.runs.finished")
                            .description("Runs that ended, by status (completed, failed, cancelled, skipped)")
                            .tag("workflow", key.workflow()).tag("status", tag).register(registry),
                    Timer.builder("baton.run.duration").description("From a run's first start to its end, waits included")
                            .tag("workflow", key.workflow()).tag("status", tag)
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofDays(1))
                            .register(registry));
        });
        meters.finished().increment();
        if (durationMs >= 0) {
            meters.duration().record(durationMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param workflow the run's workflow
     * @param step     the step's name
     * @param failed   whether the attempt failed (retried or not)
     * @param nanos    how long the attempt's body ran
     */
    public void stepAttempt(String workflow, String step, boolean failed, long nanos) {
        // On every step's path: the timers are found by two lookups of the names as given (strings
        // that cache their hash, usually the same constants each time), allocating nothing.
        // Fan-out items (load[17]) share their common name's entry, so the map stays as small as the code.
        String name = step.endsWith("]") ? commonStepName(step) : step;
        java.util.concurrent.atomic.AtomicReferenceArray<Timer> timers = stepTimers.computeIfAbsent(workflow, key -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(name, key -> new java.util.concurrent.atomic.AtomicReferenceArray<>(2));
        int outcome = failed ? 1 : 0;
        Timer timer = timers.get(outcome);
        if (timer == null) {
            timer = stepTimer(workflow, name, failed);
            timers.set(outcome, timer); // a race registers the same meter twice: the registry returns the same one
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer stepTimer(String workflow, String step, boolean failed) {
        return Timer.builder("baton.step.duration").description("One executed step attempt, from its start to its outcome")
                .tag("workflow", workflow).tag("step", step)
                .tag("outcome", failed ? "failed" : "completed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    private record RunEndKey(String workflow, RunStatus status) {
    }

    private record RunEndMeters(Counter finished, Timer duration) {
    }

    private record LockKey(String lock, boolean pool, String outcome) {
    }

    /**
     * @param lock    the lock or pool
     * @param pool    whether it has several slots
     * @param outcome acquired, failed, skipped, timed_out or cancelled
     * @param waitMs  how long the holder waited in line (0 when it was free)
     */
    public void lockWait(String lock, boolean pool, String outcome, long waitMs) {
        lockTimers.computeIfAbsent(new LockKey(commonLockName(lock), pool, outcome), key ->
                Timer.builder("baton.lock.wait").description("Time a run or step waited in line for a lock or pool slot")
                        .tag("lock", key.lock()).tag("kind", key.pool() ? "pool" : "lock").tag("outcome", key.outcome())
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofHours(6))
                        .register(registry)).record(Math.max(0, waitMs), TimeUnit.MILLISECONDS);
    }

    /**
     * @param workflow  the scheduled workflow
     * @param schedule  the schedule's id
     * @param latenessMs from the fire's due time (jitter included) to its run's creation
     */
    public void scheduleLateness(String workflow, String schedule, long latenessMs) {
        // Called on the writer's thread for each fire it commits (10,000 at once for schedules due
        // together): found in a map of its own, not built and looked up in the registry each time.
        scheduleTimers.computeIfAbsent(workflow, key -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(schedule, key ->
                        Timer.builder("baton.schedule.lateness").description("From a schedule fire's due time to the start of its run")
                                .tag("workflow", workflow).tag("schedule", key)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofHours(1))
                                .register(registry))
                .record(Math.max(0, latenessMs), TimeUnit.MILLISECONDS);
    }

    /**
     * @param writes how many writes the batch applied
     * @param nanos  how long the store took
     */
    public void batchCommitted(int writes, long nanos) {
        batchWrites.record(writes);
        batchDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A batch was refused by the store. */
    public void batchFailed() {
        batchFailures.increment();
    }

    /** @param workflow a step attempt of a run of it logged more than the limit */
    public void logTruncated(String workflow) {
        Counter.builder("baton.step.logs.truncated").description("Step attempts whose log reached the limit and was cut")
                .tag("workflow", workflow).register(registry).increment();
    }

    /** Removes the gauges of this engine (the others keep their values for the scrape). */
    public void close() {
        for (Meter gauge : gauges) {
            registry.remove(gauge);
        }
        gauges.clear();
    }

    /** {@code load[17]} (a fan-out item) is counted as {@code load[]}. */
    static String commonStepName(String step) {
        int open = step.lastIndexOf('[');
        if (open > 0 && step.endsWith("]")) {
            return step.substring(0, open) + "[]";
        }
        return step;
    }

    /** A per-key concurrency pool {@code workflow:NAME:KEY} is counted as {@code workflow:NAME}. */
    static String commonLockName(String lock) {
        if (lock.startsWith(CONCURRENCY_PREFIX)) {
            int key = lock.indexOf(':', CONCURRENCY_PREFIX.length());
            return key < 0 ? lock : lock.substring(0, key);
        }
        return lock;
    }
}
