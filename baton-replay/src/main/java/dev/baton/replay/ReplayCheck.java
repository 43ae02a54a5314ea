package dev.baton.replay;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.ErrorInfo;
import dev.baton.NonDeterminismException;
import dev.baton.RunCancelledException;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.BatonEngine;
import dev.baton.engine.EngineClock;
import dev.baton.engine.run.RunExecution;
import dev.baton.engine.run.StepInterceptor;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;
import dev.baton.spi.BatonConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checks recorded run histories against the current code: would the code deployed now take each
 * run over, or break it?
 *
 * <p>It is the engine's own replay, not an imitation of it. The histories are written into a
 * throw-away SQLite file (through the store's ordinary writes), and each run is resumed there by
 * a real engine built from the application's declarations, exactly as a worker resumes a run
 * after a restart: recorded calls replay from history, and the engine's own check compares each
 * call with what history recorded. Where history ends the execution is stopped, before any step
 * executes or any wait begins, so nothing of the application runs but the workflow code between
 * its durable calls: no step bodies, no shell commands or HTTP calls, no listeners, no alerts.
 *
 * <pre>{@code
 * @Test
 * void theNewCodeReplaysTheRunsInFlight() {
 *     ReplayCheck.of(new ShopCatalog())
 *             .check(Path.of("src/test/resources/histories.jsonl"))
 *             .assertCompatible();
 * }
 * }</pre>
 */
public final class ReplayCheck {
    /** Default longest replay of one run. */
    public static final Duration DEFAULT_TIMEOUT_PER_RUN = Duration.ofSeconds(30);

    private final Consumer<BatonBuilder> application;
    private Duration timeoutPerRun = DEFAULT_TIMEOUT_PER_RUN;

    private ReplayCheck(Consumer<BatonBuilder> application) {
        this.application = Objects.requireNonNull(application, "application");
    }

    /**
     * @param application declares the application as its {@code Baton.builder()} does: workflows,
     *                    locks, triggers (the store and listeners it sets are not used)
     * @return a check against that code
     */
    public static ReplayCheck of(Consumer<BatonBuilder> application) {
        return new ReplayCheck(application);
    }

    /**
     * @param catalogs the application's workflow catalogs
     * @return a check against their code
     */
    public static ReplayCheck of(WorkflowCatalog... catalogs) {
        List<WorkflowCatalog> all = List.of(catalogs);
        return new ReplayCheck(builder -> all.forEach(builder::workflows));
    }

    /**
     * @param histories the runs' histories
     * @param catalog   the current code
     * @return what the replay of each run showed
     */
    public static ReplayReport check(List<RunHistory> histories, WorkflowCatalog catalog) {
        return of(catalog).check(histories);
    }

    /**
     * @param value the longest one run's replay may take (workflow code that loops between durable
     *              calls without end is reported as failing)
     * @return this
     */
    public ReplayCheck timeoutPerRun(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeoutPerRun must be > 0, was " + value);
        }
        this.timeoutPerRun = value;
        return this;
    }

    /**
     * @param historiesFile a file written by {@code baton export}
     * @return what the replay of each run showed
     * @throws HistoryFileException naming the line when the file cannot be read
     */
    public ReplayReport check(Path historiesFile) {
        return check(HistoryFormat.read(historiesFile));
    }

    /**
     * @param histories the runs' histories
     * @return what the replay of each run showed, in the order of {@code histories}
     */
    public ReplayReport check(List<RunHistory> histories) {
        Path dir;
        try {
            dir = Files.createTempDirectory("baton-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the replay store", e);
        }
        try {
            FrontierStop stops = new FrontierStop();
            List<RunReplay> results = new ArrayList<>(histories.size());
            try (BatonEngine engine = new BatonEngine(config(dir.resolve("replay.db")), EngineClock.SYSTEM, stops)) {
                for (RunHistory history : histories) {
                    results.add(replay(engine, stops, history));
                }
            }
            return new ReplayReport(results);
        } finally {
            deleteQuietly(dir);
        }
    }

    private BatonConfig config(Path db) {
        BatonBuilder builder = Baton.builder();
        application.accept(builder);
        BatonConfig app = builder.config();
        // The application's listeners (alerts, metrics) and schedules have no business in a check.
        return new BatonConfig(StoreConfig.sqlite(db), app.workflows(), List.of(), "replay-check",
                app.inMemoryWait(), app.lease(), app.pollInterval(), app.maxActiveRuns(), app.secrets(), app.locks(),
                app.triggers(), Map.of(), app.codeVersion(), null);
    }

    private RunReplay replay(BatonEngine engine, FrontierStop stops, RunHistory history) {
        RunRow recorded = history.run();
        String name = "run " + recorded.id() + " (" + recorded.workflow() + ")";
        WorkflowDefinition<?, ?> definition = engine.workflow(recorded.workflow());
        if (definition == null) {
            return new RunReplay(recorded.id(), recorded.workflow(), history.origin(), RunReplay.Outcome.UNKNOWN_WORKFLOW,
                    0, "workflow '" + recorded.workflow() + "'", "no such workflow",
                    "run " + recorded.id() + " is of workflow '" + recorded.workflow() + "', which the current code "
                            + "does not register (registered: " + String.join(", ", engine.workflowNames()) + "). Keep "
                            + "the workflow under its name until its runs have finished, or let them finish on the "
                            + "version they started under");
        }
        RunRow run;
        try {
            run = load(engine, history);
        } catch (RuntimeException e) {
            return failed(history, name, 0, "its history could not be loaded: " + e.getMessage());
        }
        RunExecution execution = new RunExecution(engine, run, definition, false);
        Thread.ofVirtual().name("baton-replay-" + run.id()).start(execution);
        try {
            execution.done().get(timeoutPerRun.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            execution.requestStop();
            return failed(history, name, 0, "did not replay its history within " + timeoutPerRun.toMillis()
                    + "ms: does its code loop between durable calls?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay check was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            return failed(history, name, 0, "its replay failed: " + e.getCause());
        }
        RunReplay result = outcome(engine, history, name, execution.failure(), stops.at(run.id()));
        // A run stopped where its history ends still holds its locks and pool slots; the next run
        // of the same workflow or lock must not wait for them.
        engine.writer().submit(new Write.ReleaseLocks(run.id(), 0, engine.clock().millis())).join();
        return result;
    }

    private RunReplay outcome(BatonEngine engine, RunHistory history, String name, Throwable failure,
                              StepInterceptor.NewWork stop) {
        RunRow recorded = history.run();
        boolean ended = recorded.status().isTerminal();
        int calls = history.steps().size();
        if (failure instanceof NonDeterminismException nd) {
            return new RunReplay(recorded.id(), recorded.workflow(), history.origin(),
                    RunReplay.Outcome.NON_DETERMINISTIC, nd.seq(), nd.recorded(), nd.current(),
                    name + " breaks at sequence number " + nd.seq() + ": history recorded " + nd.recorded()
                            + ", the code now does " + nd.current() + ". Guard the change with "
                            + "flow.patched(\"change-id\"), or let the run finish on the version it started under");
        }
        if (failure != null) {
            boolean expected = recorded.status() == RunStatus.FAILED || recorded.status() == RunStatus.CANCELLED
                    || (failure instanceof RunCancelledException && recorded.cancelRequested());
            if (expected) {
                return replays(history, 0, name + " replays its " + calls + " recorded calls and ends "
                        + (failure instanceof RunCancelledException ? "cancelled" : "failed") + ", as history says");
            }
            ErrorInfo error = engine.codec().errorInfo(failure);
            return failed(history, name, 0, "fails on replay: the workflow code throws " + error.summary());
        }
        if (stop != null) {
            if (ended) {
                return new RunReplay(recorded.id(), recorded.workflow(), history.origin(),
                        RunReplay.Outcome.NON_DETERMINISTIC, stop.seq(), "nothing: the run " + recorded.status()
                        + " there", stop.what(), name + " breaks at sequence number " + stop.seq()
                        + ": history recorded the run's end, the code now goes on to " + stop.what());
            }
            return replays(history, stop.seq(), name + " replays its " + calls + " recorded calls; where history "
                    + "ends it would next " + stop.what() + " (seq " + stop.seq() + ")");
        }
        RunStatus now = engine.store().findRun(recorded.id()).map(RunRow::status).orElse(null);
        if (now == RunStatus.COMPLETED || now == RunStatus.SKIPPED) {
            return replays(history, 0, name + " replays its " + calls + " recorded calls and "
                    + (now == RunStatus.SKIPPED ? "is skipped" : "completes"));
        }
        return failed(history, name, 0, "its replay stopped before the end of its history (the run is " + now
                + " in the replay store); run the check with BATON_DEBUG=1 for the engine's log");
    }

    private static RunReplay replays(RunHistory history, int seq, String detail) {
        return new RunReplay(history.runId(), history.workflow(), history.origin(), RunReplay.Outcome.REPLAYS, seq,
                null, null, detail);
    }

    private static RunReplay failed(RunHistory history, String name, int seq, String why) {
        return new RunReplay(history.runId(), history.workflow(), history.origin(), RunReplay.Outcome.FAILS, seq,
                null, null, name + " " + why);
    }

    /** Writes the history into the replay store with the store's ordinary writes. @return the run as stored */
    private static RunRow load(BatonEngine engine, RunHistory history) {
        RunRow r = history.run();
        // A finished run is replayed through its whole history, as if it were still running.
        boolean ended = r.status().isTerminal();
        RunRow row = new RunRow(r.id(), r.workflow(), ended ? RunStatus.RUNNING : r.status(), r.input(),
                null, null, null, r.idempotencyKey(), r.parentRunId(), r.parentSeq(), null, 0,
                ended ? null : r.wakeAt(), ended ? null : r.waitingFor(), r.cancelRequested(), r.createdAt(),
                r.startedAt(), null, r.updatedAt(), r.priority(), r.logicalTime(), r.codeVersion());
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.CreateRun(row));
        for (StepRow step : history.steps()) {
            writes.add(new Write.UpsertStep(step));
        }
        for (AttemptRow attempt : history.attempts()) {
            writes.add(new Write.InsertAttempt(attempt));
        }
        int firstSignal = writes.size();
        List<SignalRow> signals = history.signals().stream().sorted(Comparator.comparingLong(SignalRow::id)).toList();
        for (SignalRow signal : signals) {
            writes.add(new Write.InsertSignal(signal));
        }
        List<Object> results = engine.writer().submit(writes.toArray(Write[]::new)).join();
        if (results.get(0) instanceof dev.baton.engine.store.CreateResult created && !created.created()) {
            throw new IllegalStateException("a run with id " + r.id() + " or idempotency key " + r.idempotencyKey()
                    + " is in the histories twice");
        }
        List<Write> consumed = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            SignalRow signal = signals.get(i);
            if (signal.consumedSeq() != null) {
                consumed.add(new Write.ConsumeSignal(r.id(), (Long) results.get(firstSignal + i), signal.consumedSeq()));
            }
        }
        if (!consumed.isEmpty()) {
            engine.writer().submit(consumed.toArray(Write[]::new)).join();
        }
        return engine.store().findRun(r.id()).orElseThrow();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // A temporary file left behind harms nothing.
                }
            });
        } catch (IOException ignored) {
            // Likewise.
        }
    }

    /**
     * Stops each run where its history ends: before the first step attempt that would execute and
     * before the first wait for something history has not recorded. Remembers where.
     */
    private static final class FrontierStop implements StepInterceptor {
        private final Map<String, NewWork> stops = new ConcurrentHashMap<>();

        @Override
        public Object around(StepCall call, java.util.concurrent.Callable<?> body) {
            throw new IllegalStateException("the replay check executes no step, yet step '" + call.stepName()
                    + "' of run " + call.runId() + " was about to execute");
        }

        @Override
        public boolean stopBefore(NewWork next) {
            stops.putIfAbsent(next.runId(), next);
            return true;
        }

        NewWork at(String runId) {
            return stops.get(runId);
        }
    }
}
