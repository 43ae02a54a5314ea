package dev.baton.test;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.ScheduleFire;
import dev.baton.StartOptions;
import dev.baton.StoreConfig;
import dev.baton.Workflow;
import dev.baton.engine.BatonEngine;
import dev.baton.engine.VirtualClock;
import dev.baton.engine.run.StepInterceptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real Baton engine on a throw-away SQLite store, in virtual time, for tests. The engine is
 * the one production runs; only time and step outcomes are in the test's hands:
 *
 * <ul>
 *   <li>time stands still while the engine works and jumps ahead when everything waits, so a
 *       two-day sleep, a month of cron fires or an hour of retry backoff take milliseconds;</li>
 *   <li>{@link #stub(String)} replaces a step's outcome or makes it slow, {@link #cancelAt(String)}
 *       cancels a run when it reaches a step, {@link #crashBefore(String)} kills the engine between
 *       two steps and recovers the runs on a new one;</li>
 *   <li>{@link #executions()} lists every step attempt executed, with its virtual start and end.</li>
 * </ul>
 *
 * <pre>{@code
 * try (BatonTestKit kit = BatonTestKit.builder().configure(b -> b.workflow(new FlakyPayment())).start()) {
 *     kit.stub("charge").failTimes(2, () -> new IOException("503")).thenProceed();
 *     RunView run = kit.awaitRun(kit.start("FlakyPayment", order));
 *     BatonAssertions.assertThat(run).isCompleted().step("charge").hasAttempts(3);
 * }
 * }</pre>
 *
 * Leases and the work loop's poll interval default to one hour of virtual time (a worker that
 * crashed leaves its runs to the next one after its lease, which passes instantly in virtual time);
 * set them in {@link Builder#configure} to test other values.
 */
public final class BatonTestKit implements AutoCloseable {
    /** Where virtual time begins unless told: a Monday, midnight UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2027-01-04T00:00:00Z");
    private static final Duration FOREVER = Duration.ofDays(366L * 100);

    private final Consumer<BatonBuilder> configure;
    private final VirtualClock clock;
    private final Path directory;
    private final boolean ownsDirectory;
    private final Duration realTimeout;
    private final List<StepStub> stubs = new CopyOnWriteArrayList<>();
    private final Set<String> cancelAt = ConcurrentHashMap.newKeySet();
    private final Set<String> crashBefore = ConcurrentHashMap.newKeySet();
    private final List<StepExecution> executions = new CopyOnWriteArrayList<>();
    private final List<BatonEngine> crashed = new CopyOnWriteArrayList<>();
    private volatile BatonEngine engine;
    private volatile boolean restartRequested;
    private int incarnation;
    private boolean closed;

    private BatonTestKit(Builder builder) {
        this.configure = builder.configure;
        this.clock = new VirtualClock(builder.start);
        this.realTimeout = builder.realTimeout;
        try {
            this.ownsDirectory = builder.directory == null;
            this.directory = ownsDirectory ? Files.createTempDirectory("baton-test-") : Files.createDirectories(builder.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test kit's store directory", e);
        }
        this.engine = newEngine();
    }

    /** @return a builder of a test kit */
    public static Builder builder() {
        return new Builder();
    }

    // ---- the engine ----

    /** @return the engine, through the API user code touches */
    public Baton baton() {
        return engine;
    }

    /** @return the virtual clock's now */
    public Instant now() {
        return clock.instant();
    }

    /** @return the SQLite file the engine stores its runs in */
    public Path storeFile() {
        return directory.resolve("baton.db");
    }

    /**
     * Starts a run (time does not move until the test waits for something).
     *
     * @param workflow the workflow's name
     * @param input    its input
     * @return the run's id
     */
    public String start(String workflow, Object input) {
        return engine.start(workflow, input, StartOptions.defaults()).runId();
    }

    /** @param workflow the workflow's class @param input its input @param <I> its input type @return the run's id */
    public <I> String start(Class<? extends Workflow<I, ?>> workflow, I input) {
        return engine.start(workflow, input).runId();
    }

    /** @param workflow the workflow @param input its input @param options run id, key, priority, logical time @return the run's id */
    public String start(String workflow, Object input, StartOptions options) {
        return engine.start(workflow, input, options).runId();
    }

    /** @param runId a run @param name the signal @param payload its payload */
    public void signal(String runId, String name, Object payload) {
        engine.signal(runId, name, payload);
    }

    /** @param runId a run to cancel, as an operator would */
    public void cancel(String runId) {
        engine.cancel(runId);
    }

    // ---- time ----

    /**
     * Lets the engine work and time pass until the run has ended.
     *
     * @param runId the run
     * @return the run as it ended
     * @throws AssertionError when the run cannot end: it waits for something nothing will bring
     */
    public RunView awaitRun(String runId) {
        VirtualClock.Outcome outcome = drive(() -> isOver(runId), clock.instant().plus(FOREVER));
        if (outcome != VirtualClock.Outcome.DONE) {
            RunInfo info = engine.findRun(runId).orElseThrow(() -> new AssertionError("no run " + runId));
            throw new AssertionError("run " + runId + " (" + info.workflow() + ") cannot end: it is " + info.status()
                    + (info.waitingFor() == null ? "" : ", waiting for " + info.waitingFor())
                    + ", and nothing else is due (" + clock.describe() + "). Send the signal it waits for, "
                    + "or check what holds the lock or slot it waits for.");
        }
        return run(runId);
    }

    /** @param run a run's handle @return the run as it ended, see {@link #awaitRun(String)} */
    public RunView awaitRun(RunHandle run) {
        return awaitRun(run.runId());
    }

    /**
     * Lets {@code duration} of virtual time pass, with everything due in it happening in order.
     *
     * @param duration how long
     */
    public void runFor(Duration duration) {
        runUntil(clock.instant().plus(duration));
    }

    /** @param instant lets time pass until this instant, with everything due up to and at it happening in order */
    public void runUntil(Instant instant) {
        drive(() -> false, instant);
        if (clock.instant().isBefore(instant)) {
            clock.jumpTo(instant);
        }
        drive(() -> false, instant);
    }

    /**
     * Lets the engine work and time pass until {@code condition} holds.
     *
     * @param condition checked whenever the engine is idle
     * @param atMost    how much virtual time may pass
     * @return whether the condition holds
     */
    public boolean runUntil(BooleanSupplier condition, Duration atMost) {
        return drive(condition, clock.instant().plus(atMost)) == VirtualClock.Outcome.DONE;
    }

    private VirtualClock.Outcome drive(BooleanSupplier done, Instant horizon) {
        while (true) {
            VirtualClock.Outcome outcome = clock.runUntil(() -> restartRequested || done.getAsBoolean(), horizon, realTimeout);
            if (restartRequested) {
                restartRequested = false;
                engine = newEngine();
                continue;
            }
            return outcome;
        }
    }

    private boolean isOver(String runId) {
        return engine.findRun(runId).map(r -> r.status().isTerminal()).orElse(false);
    }

    // ---- stubs and faults ----

    /**
     * Stubs a step: what it returns or throws, attempt by attempt, and how long it takes. A later
     * stub of the same step replaces an earlier one.
     *
     * @param step the step's name
     * @return the stub, to describe
     */
    public StepStub stub(String step) {
        StepStub stub = new StepStub(Objects.requireNonNull(step, "step"));
        stubs.add(0, stub);
        return stub;
    }

    /** @param step when a run is about to execute this step, it is cancelled as an operator would */
    public void cancelAt(String step) {
        cancelAt.add(step);
    }

    /**
     * Kills the engine, as the process dying would, the first time a run is about to execute
     * {@code step} (after the previous step's checkpoint): nothing more is written, and a new
     * engine on the same store takes the runs over once their lease has passed.
     *
     * @param step the step
     */
    public void crashBefore(String step) {
        crashBefore.add(step);
    }

    /** Kills the engine now, as the process dying would, and starts a new one on the same store. */
    public void crash() {
        engine.halt();
        crashed.add(engine);
        engine = newEngine();
    }

    /** @return the virtual clock's state: now, the engine's threads, and how time has moved so far */
    public String describeClock() {
        return clock.describe();
    }

    /** @return how many engines have run on the store: 1 plus the crashes */
    public int incarnations() {
        return incarnation;
    }

    // ---- what happened ----

    /** @param runId a run @return what the store holds about it now */
    public RunView run(String runId) {
        RunInfo info = engine.findRun(runId).orElseThrow(() -> new AssertionError("no run " + runId));
        return new RunView(info, engine.steps(runId), engine.timeline(runId));
    }

    /** @param workflow a workflow @return its runs, oldest first */
    public List<RunInfo> runs(String workflow) {
        List<RunInfo> all = new ArrayList<>();
        int page = 5_000;
        for (int offset = 0; ; offset += page) {
            List<RunInfo> some = engine.runs(RunQuery.all().withWorkflow(workflow).withLimit(page).withOffset(offset));
            all.addAll(some);
            if (some.size() < page) {
                break;
            }
        }
        all.sort(Comparator.comparing(RunInfo::createdAt).thenComparing(RunInfo::id));
        return all;
    }

    /** @param workflow a workflow @param scheduleId its schedule @return the schedule's last 10,000 fires, oldest first */
    public List<ScheduleFire> fires(String workflow, String scheduleId) {
        List<ScheduleFire> fires = new ArrayList<>(engine.fires(workflow, scheduleId, 10_000));
        fires.sort(Comparator.comparing(ScheduleFire::logicalTime));
        return fires;
    }

    /** @return every step attempt executed so far, in the order they ended */
    public List<StepExecution> executions() {
        return List.copyOf(executions);
    }

    /** @param workflow a workflow @return the step attempts executed by its runs */
    public List<StepExecution> executions(String workflow) {
        return executions.stream().filter(e -> e.workflow().equals(workflow)).toList();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
        if (ownsDirectory) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temporary directory left behind is harmless.
            }
        }
    }

    // ---- internals ----

    private BatonEngine newEngine() {
        BatonBuilder builder = Baton.builder().lease(Duration.ofHours(1)).pollInterval(Duration.ofHours(1));
        configure.accept(builder);
        builder.store(StoreConfig.sqlite(storeFile()).with("synchronous", "OFF"))
                .workerId("test-kit-" + (++incarnation));
        BatonEngine created = new BatonEngine(builder.config(), clock, this::around);
        created.start();
        return created;
    }

    private Object around(StepInterceptor.StepCall call, Callable<?> body) throws Exception {
        if (crashBefore.remove(call.stepName())) {
            BatonEngine dying = engine;
            dying.halt();
            crashed.add(dying);
            restartRequested = true;
            throw new SimulatedCrash(call);
        }
        Instant start = clock.instant();
        if (cancelAt.contains(call.stepName())) {
            // As an operator's cancel reaching a running step: the step is interrupted and the run cancelled.
            engine.cancel(call.runId());
            executions.add(new StepExecution(call.runId(), call.workflow(), call.stepName(), call.seq(), call.attempt(),
                    start, start, "cancelled by the test kit"));
            throw new InterruptedException("the test kit cancelled run " + call.runId() + " at step '" + call.stepName() + "'");
        }
        String failure = null;
        try {
            StepStub stub = stubFor(call);
            if (stub == null) {
                return body.call();
            }
            if (!stub.duration().isZero()) {
                clock.sleep(stub.duration().toMillis());
            }
            return stub.outcome(call.attempt(), body);
        } catch (Exception | Error e) {
            failure = e.getClass().getName() + ": " + e.getMessage();
            throw e;
        } finally {
            executions.add(new StepExecution(call.runId(), call.workflow(), call.stepName(), call.seq(), call.attempt(),
                    start, clock.instant(), failure));
        }
    }

    private StepStub stubFor(StepInterceptor.StepCall call) {
        for (StepStub stub : stubs) {
            if (stub.appliesTo(call.workflow(), call.stepName())) {
                return stub;
            }
        }
        return null;
    }

    /** Thrown in a step's thread when the test kit kills the engine there; nothing of it is stored. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(StepInterceptor.StepCall call) {
            super("the test kit killed the engine before step '" + call.stepName() + "' of run " + call.runId(), null,
                    false, false);
        }
    }

    /** Settings of a test kit. */
    public static final class Builder {
        private Consumer<BatonBuilder> configure = b -> { };
        private Instant start = DEFAULT_START;
        private Path directory;
        private Duration realTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * @param value configures each engine the kit starts: workflows, schedules, triggers, locks
         *              (the store, worker id and clock are the kit's)
         * @return this
         */
        public Builder configure(Consumer<BatonBuilder> value) {
            this.configure = Objects.requireNonNull(value, "configure");
            return this;
        }

        /** @param value where virtual time begins @return this */
        public Builder startAt(Instant value) {
            this.start = Objects.requireNonNull(value, "start");
            return this;
        }

        /** @param value the directory of the store file, kept after the kit closes; a temporary one by default @return this */
        public Builder directory(Path value) {
            this.directory = value;
            return this;
        }

        /** @param value how long, in real time, the engine may work without becoming idle before the test fails @return this */
        public Builder realTimeout(Duration value) {
            this.realTimeout = Objects.requireNonNull(value, "realTimeout");
            return this;
        }

        /** @return a kit with its engine started */
        public BatonTestKit start() {
            return new BatonTestKit(this);
        }
    }
}
