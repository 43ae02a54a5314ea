package dev.baton.engine;

import dev.baton.Baton;
import dev.baton.BatonException;
import dev.baton.RunCancelledException;
import dev.baton.RunEvent;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunListener;
import dev.baton.RunNotFoundException;
import dev.baton.RunQuery;
import dev.baton.RunStateException;
import dev.baton.RunStatus;
import dev.baton.StartOptions;
import dev.baton.StepInfo;
import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.TimelineEvent;
import dev.baton.Workflow;
import dev.baton.WorkflowDefinition;
import dev.baton.WorkflowInfo;
import dev.baton.LockSpec;
import dev.baton.LogLine;
import dev.baton.SecretProvider;
import dev.baton.engine.codec.Codec;
import dev.baton.engine.secrets.SecretMasker;
import dev.baton.engine.run.ChildOutcome;
import dev.baton.engine.run.RunExecution;
import dev.baton.engine.run.StepInterceptor;
import dev.baton.engine.run.RunHost;
import dev.baton.engine.store.Claim;
import dev.baton.engine.store.CreateResult;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.StoreProvider;
import dev.baton.engine.store.Write;
import dev.baton.engine.work.WorkerIdentity;
import dev.baton.engine.write.GroupCommitter;
import dev.baton.engine.observe.EngineMetrics;
import dev.baton.engine.observe.EngineTracing;
import dev.baton.engine.observe.StepLogCapture;
import dev.baton.engine.scheduler.ScheduleControl;
import dev.baton.engine.scheduler.ScheduleRegistry;
import dev.baton.engine.scheduler.ScheduleService;
import dev.baton.ScheduleFire;
import dev.baton.ScheduleInfo;
import dev.baton.spi.BatonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine behind {@link Baton}: registered workflows, a store, the single writer, and the
 * work loop that claims due runs. Each run executes on its own virtual thread
 * ({@link RunExecution}).
 */
public final class BatonEngine implements Baton, RunHost {
    private static final Logger log = LoggerFactory.getLogger(BatonEngine.class);
    /** How long {@link #close()} lets running steps finish before interrupting them. */
    private static final long CLOSE_GRACE_MILLIS = 10_000;
    private static final SecureRandom ID_RANDOM = new SecureRandom();

    private final BatonConfig config;
    private final Store store;
    private volatile dev.baton.access.AccessRegistry access;
    private final GroupCommitter writer;
    private final Codec codec = new Codec();
    private final EngineClock clock;
    private final StepInterceptor stepInterceptor;
    /** Whether the writer has nothing in flight; virtual time waits for it. */
    private final java.util.function.BooleanSupplier writerQuiet;
    private final WorkerIdentity identity;
    private final Declarations declarations;
    private final List<RunListener> listeners;
    private final Map<String, RunExecution> active = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> finishWaiters = new ConcurrentHashMap<>();
    private final Map<String, Integer> pauses = new ConcurrentHashMap<>();
    private final ReadModels readModels = new ReadModels(codec);
    private final SecretMasker masker = new SecretMasker();
    private final WorkLoop workLoop;
    private final ScheduleRegistry scheduleRegistry;
    private final ScheduleService scheduleService;
    private final ScheduleControl scheduleControl;
    private final String codeVersion;
    private final List<String> acceptedVersions;
    private final EngineMetrics metrics;
    private final EngineTracing tracing;
    private final dev.baton.engine.alert.AlertServiceProvider.AlertService alerts;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * Opens the store and prepares the engine; nothing executes until {@link #start()}.
     *
     * @param config the settings
     * @param clock  the clock
     */
    public BatonEngine(BatonConfig config, EngineClock clock) {
        this(config, clock, StepInterceptor.NONE);
    }

    /**
     * An engine whose step bodies run through {@code steps} (the test kit's stubs, the replay check).
     *
     * @param config the settings
     * @param clock  the clock
     * @param steps  surrounds each executed step attempt
     */
    public BatonEngine(BatonConfig config, EngineClock clock, StepInterceptor steps) {
        this.config = config;
        this.clock = clock;
        this.stepInterceptor = steps;
        this.listeners = List.copyOf(config.listeners());
        this.declarations = new Declarations(config);
        this.codeVersion = CodeVersions.detect(config.codeVersion(), config.workflows());
        this.acceptedVersions = acceptedVersions(codeVersion, config.acceptedVersions());
        this.scheduleRegistry = new ScheduleRegistry(config.schedules() == null ? Map.of() : config.schedules(),
                declarations.names());
        this.alerts = config.alerts() == null ? null : alertService(config);
        this.identity = config.workerId() == null ? WorkerIdentity.current() : WorkerIdentity.named(config.workerId());
        this.store = openStore(config.store());
        this.metrics = new EngineMetrics(config.telemetry().meters());
        this.tracing = new EngineTracing(config.telemetry().openTelemetry());
        this.writer = new GroupCommitter(store, masker::mask, new GroupCommitter.BatchObserver() {
            @Override
            public void committed(int writes, long nanos) {
                metrics.batchCommitted(writes, nanos);
            }

            @Override
            public void failed() {
                metrics.batchFailed();
            }
        });
        metrics.gauge("baton.runs.active", "Runs executing in this process, waiting ones included", active::size);
        metrics.gauge("baton.runs.waiting", "Runs of this process parked in memory waiting (sleep, signal, lock, child, retry)",
                metrics::parkedRuns);
        metrics.gauge("baton.store.backlog", "Writes queued for the single writer", writer::backlog);
        StepLogCapture.install();
        this.writerQuiet = writer::idle;
        if (clock instanceof VirtualClock virtual) {
            virtual.addQuietCheck(writerQuiet);
        }
        this.scheduleService = new ScheduleService(this, scheduleRegistry, this::cancel);
        this.scheduleControl = new ScheduleControl(this, scheduleRegistry);
        this.workLoop = new WorkLoop(this, identity);
        log.debug("Baton engine on {} as worker {} with {} workflows", store.describe(), identity.id(), declarations.names().size());
    }

    private static List<String> acceptedVersions(String own, List<String> others) {
        if (others == null) {
            return null;
        }
        List<String> accepted = new ArrayList<>();
        accepted.add(own);
        others.stream().filter(v -> !accepted.contains(v)).forEach(accepted::add);
        return List.copyOf(accepted);
    }

    /** @return the version of the code this engine runs, recorded with each run it starts */
    @Override
    public String codeVersion() {
        return codeVersion;
    }

    /** @return the code versions whose runs this engine claims (its own first), or null for any */
    public List<String> acceptedVersions() {
        return acceptedVersions;
    }

    @Override
    public List<TriggerBinding> triggersAfter(String workflow) {
        return declarations.triggersAfter(workflow);
    }

    private static dev.baton.engine.alert.AlertServiceProvider.AlertService alertService(BatonConfig config) {
        dev.baton.engine.alert.AlertServiceProvider provider = ServiceLoader
                .load(dev.baton.engine.alert.AlertServiceProvider.class).findFirst().orElseThrow(() ->
                        new IllegalStateException("alerts are configured (BatonBuilder.alerts) but no alert delivery "
                                + "is on the class path; add the dependency dev.baton:baton-alerts"));
        return provider.create(config);
    }

    /** @return the settings this engine was built with */
    public BatonConfig config() {
        return config;
    }

    private static Store openStore(StoreConfig config) {
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class)) {
            if (provider.kind().equals(config.kind())) {
                return provider.open(config);
            }
        }
        throw new StoreException("no store of kind '" + config.kind() + "' is on the class path; add the dependency "
                + "dev.baton:baton-store-" + config.kind(), null);
    }

    // ---- Baton ----

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this Baton was closed; build a new one");
        }
        if (!started) {
            started = true;
            // Alerts first, so that they see every run this process ends.
            if (alerts != null) {
                alerts.start(this);
            }
            workLoop.start();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        workLoop.stop();
        if (alerts != null) {
            alerts.close();
        }
        for (RunExecution execution : active.values()) {
            execution.requestStop();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
        for (RunExecution execution : List.copyOf(active.values())) {
            long left = deadline - System.nanoTime();
            try {
                execution.done().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                log.warn("run {} did not stop within {}ms; it executes its current step again at the next start",
                        execution.runId(), CLOSE_GRACE_MILLIS);
            }
        }
        try {
            writer.submit(new Write.ReleaseOwner(identity.id()), new Write.DeleteWorker(identity.id())).join();
        } catch (CompletionException e) {
            log.warn("could not release the runs of worker {}: {}; they resume when its lease expires",
                    identity.id(), e.getCause().getMessage());
        }
        writer.close();
        if (clock instanceof VirtualClock virtual) {
            virtual.removeQuietCheck(writerQuiet);
        }
        store.close();
        metrics.close();
    }

    /**
     * Stops at once as if the process had died: nothing more is written (not even the release of
     * this worker's runs, which other workers take over when its leases expire), runs stop at their
     * next durable call, and the store is closed once they have. For the test kit's crash between
     * two steps; callable from one of the engine's own threads.
     */
    public void halt() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.halt();
        workLoop.stop();
        if (alerts != null) {
            alerts.close();
        }
        for (RunExecution execution : active.values()) {
            execution.requestStop();
        }
        CompletableFuture.allOf(active.values().stream().map(RunExecution::done).toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> {
                    writer.close();
                    if (clock instanceof VirtualClock virtual) {
                        virtual.removeQuietCheck(writerQuiet);
                    }
                    store.close();
                });
    }

    @Override
    public RunHandle start(String workflow, Object input, StartOptions options) {
        WorkflowDefinition<?, ?> definition = declarations.require(workflow);
        String json = codec.encodeInput(input, definition.inputType(), workflow);
        return create(definition, json, options);
    }

    @Override
    public <I> RunHandle start(Class<? extends Workflow<I, ?>> workflow, I input) {
        return start(workflowNameOf(workflow), input, StartOptions.defaults());
    }

    @Override
    public RunHandle startJson(String workflow, String inputJson, StartOptions options) {
        WorkflowDefinition<?, ?> definition = declarations.require(workflow);
        String json = codec.normalizeInput(inputJson, definition.inputType(), workflow);
        return create(definition, json, options);
    }

    private RunHandle create(WorkflowDefinition<?, ?> definition, String json, StartOptions options) {
        StartOptions effective = options == null ? StartOptions.defaults() : options;
        String id = effective.runId() != null ? effective.runId() : newRunId();
        RunRow base = newRun(id, definition.name(), json, effective.idempotencyKey(), null, 0, effective.priority());
        RunRow row = effective.logicalTime() == null ? base
                : base.withLogicalTime(effective.logicalTime().toEpochMilli());
        CreateResult result = (CreateResult) submit(new Write.CreateRun(row)).get(0);
        if (result.created() && row.owner() != null) {
            launch(row, true);
        } else if (result.created()) {
            workLoop.poke();
        }
        return new EngineRunHandle(this, result.runId(), result.created());
    }

    @Override
    public RunHandle handle(String runId) {
        if (store.findRun(runId).isEmpty()) {
            throw new RunNotFoundException(runId);
        }
        return new EngineRunHandle(this, runId, false);
    }

    @Override
    public void cancel(String runId) {
        RunRow run = store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.status().isTerminal()) {
            return;
        }
        long now = clock.millis();
        List<Object> results = submit(new Write.RequestCancel(runId, now),
                new Write.AppendEvent(new EventRow(runId, now, "CANCEL_REQUESTED", null)));
        if (results.get(0) == RunStatus.PENDING && run.owner() == null) {
            String error = codec.errorJson(codec.errorInfo(new RunCancelledException(runId, "before it started")));
            List<Write> writes = new ArrayList<>(List.of(
                    new Write.FinishRun(runId, RunStatus.CANCELLED, null, null, error, now),
                    new Write.AppendEvent(new EventRow(runId, now, "RUN_CANCELLED", "before it started"))));
            writes.addAll(ChildOutcome.writes(this, run, RunStatus.CANCELLED, null, error, now));
            List<Object> finished = submit(writes.toArray(Write[]::new));
            if (Boolean.TRUE.equals(finished.get(0))) {
                metrics.runFinished(run.workflow(), RunStatus.CANCELLED, -1);
                store.findRun(runId).ifPresent(this::finished);
            }
        }
        deliverCancel(runId);
        workLoop.poke();
    }

    @Override
    public void retry(String runId) {
        RunRow run = store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.status() != RunStatus.FAILED) {
            throw new RunStateException(notRetryable(runId, run.status()));
        }
        RetriedChildren children = RetriedChildren.of(store, runId);
        if (!children.cancelled().isEmpty()) {
            RunRow child = children.cancelled().get(0);
            throw new RunStateException("run " + runId + " failed because its child run " + child.id() + " ("
                    + child.workflow() + ") was cancelled, and a cancelled run is not retried: start a new run of '"
                    + run.workflow() + "' instead");
        }
        long now = clock.millis();
        Object before = submit(new Write.RetryRun(runId, now)).get(0);
        if (before != RunStatus.FAILED) {
            // Another process changed it between the read and the write.
            throw new RunStateException(notRetryable(runId, (RunStatus) before));
        }
        List<Write> events = new ArrayList<>();
        events.add(new Write.AppendEvent(new EventRow(runId, now, "RUN_RETRIED", retriedDetail("retried", run))));
        for (RunRow child : children.failed()) {
            events.add(new Write.AppendEvent(new EventRow(child.id(), now, "RUN_RETRIED",
                    retriedDetail("retried with its parent run " + child.parentRunId(), child))));
        }
        submit(events.toArray(Write[]::new));
        workLoop.poke();
    }

    private String retriedDetail(String what, RunRow run) {
        dev.baton.ErrorInfo failure = codec.parseError(run.error());
        String error = failure == null ? null : failure.summary();
        return what + " after it failed" + (error == null ? ""
                : ": " + (error.length() <= 300 ? error : error.substring(0, 297) + "..."));
    }

    private static String notRetryable(String runId, RunStatus status) {
        String why = switch (status) {
            case COMPLETED -> "it completed; start a new run instead";
            case CANCELLED -> "it was cancelled on purpose; start a new run instead";
            case SKIPPED -> "it was skipped; start a new run instead";
            default -> "it has not finished; wait for it, or cancel it";
        };
        return "run " + runId + " is " + status + ", not FAILED, so it cannot be retried: " + why;
    }

    /** Delivers a requested cancellation to the run's execution here, if any, and to its children. */
    void deliverCancel(String runId) {
        RunExecution execution = active.get(runId);
        if (execution != null) {
            execution.requestCancel();
        }
        cancelChildren(runId);
    }

    @Override
    public void cancelChildren(String parentRunId) {
        for (String child : store.activeChildren(parentRunId)) {
            try {
                cancel(child);
            } catch (RuntimeException e) {
                log.warn("could not cancel child run {} of {}: {}", child, parentRunId, e.getMessage());
            }
        }
    }

    @Override
    public void signal(String runId, String name, Object payload) {
        deliverSignal(runId, name, codec.toJson(payload, "payload of signal '" + name + "'"));
    }

    @Override
    public void signalJson(String runId, String name, String payloadJson) {
        deliverSignal(runId, name, codec.parseJson(payloadJson, "payload of signal '" + name + "'"));
    }

    private void deliverSignal(String runId, String name, String json) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("signal name must not be blank");
        }
        RunRow run = store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.status().isTerminal()) {
            throw new RunStateException("run " + runId + " is " + run.status()
                    + "; signals are accepted only by runs that have not finished");
        }
        long now = clock.millis();
        submit(new Write.InsertSignal(new SignalRow(0, runId, name, json, now, null)),
                new Write.AppendEvent(new EventRow(runId, now, "SIGNAL_RECEIVED", name + " " + abbreviate(json))));
        RunExecution execution = active.get(runId);
        if (execution != null) {
            execution.wake();
        }
        workLoop.poke();
    }

    @Override
    public Optional<RunInfo> findRun(String runId) {
        return store.findRun(runId).map(readModels::run);
    }

    @Override
    public List<RunInfo> runs(RunQuery query) {
        return store.listRuns(query).stream().map(readModels::run).toList();
    }

    @Override
    public List<StepInfo> steps(String runId) {
        if (store.findRun(runId).isEmpty()) {
            throw new RunNotFoundException(runId);
        }
        return readModels.steps(store.steps(runId), store.attempts(runId));
    }

    @Override
    public List<TimelineEvent> timeline(String runId) {
        RunRow run = store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        return readModels.timeline(run, store.events(runId));
    }

    @Override
    public List<LogLine> logs(String runId, long afterId, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        if (store.findRun(runId).isEmpty()) {
            throw new RunNotFoundException(runId);
        }
        return store.logs(runId, afterId, limit).stream()
                .map(l -> new LogLine(l.id(), l.seq(), l.attempt(), java.time.Instant.ofEpochMilli(l.at()), l.stream(), l.line()))
                .toList();
    }

    @Override
    public List<WorkflowInfo> workflows() {
        return declarations.workflows().stream()
                .map(d -> ReadModels.workflow(d, config.triggers() == null ? List.of()
                        : config.triggers().getOrDefault(d.name(), List.of()), this::lockSpec))
                .toList();
    }

    @Override
    public void pauseSchedule(String workflow, String scheduleId) {
        scheduleControl.setPaused(workflow, scheduleId, true);
    }

    @Override
    public void resumeSchedule(String workflow, String scheduleId) {
        scheduleControl.setPaused(workflow, scheduleId, false);
    }

    @Override
    public List<dev.baton.DeploymentInfo> deployments(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return dev.baton.engine.manifest.Deployments.infos(store.deployments(limit + 1)).stream().limit(limit).toList();
    }

    @Override
    public dev.baton.DeploymentInfo deploy(String manifestJson, String author) {
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("a deploy names its author");
        }
        dev.baton.engine.manifest.Manifest manifest;
        try {
            manifest = dev.baton.engine.manifest.Deployments.readChecked(manifestJson);
        } catch (dev.baton.engine.manifest.ManifestFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            return dev.baton.engine.manifest.Deployments.record(store, manifest, author.strip(),
                    System.currentTimeMillis()).info();
        } catch (dev.baton.engine.manifest.ManifestFormatException e) {
            throw new IllegalArgumentException("the store's last deploy cannot be compared with: " + e.getMessage()
                    + "; nothing was deployed", e);
        }
    }

    @Override
    public java.util.Optional<dev.baton.DeployedManifest> deployedManifest() {
        return store.latestDeployment().map(d -> new dev.baton.DeployedManifest(d.id(),
                java.time.Instant.ofEpochMilli(d.deployedAt()), d.author(), d.codeVersion(), d.manifestHash(), d.format(),
                d.manifest()));
    }

    @Override
    public int exportHistories(String workflow, java.util.Set<RunStatus> statuses, java.io.Writer out) {
        return new dev.baton.engine.history.StoreHistories(store).write(workflow, statuses, out);
    }

    @Override
    public dev.baton.access.AccessRegistry access() {
        dev.baton.access.AccessRegistry registry = access;
        if (registry == null) {
            registry = new dev.baton.engine.access.StoreAccess(store.access());
            access = registry;
        }
        return registry;
    }

    @Override
    public List<dev.baton.alert.AlertIncident> alerts(int limit) {
        return dev.baton.engine.alert.AlertReadModel.incidents(store, limit);
    }

    @Override
    public List<ScheduleInfo> schedules() {
        return scheduleControl.infos();
    }

    @Override
    public List<ScheduleFire> fires(String workflow, String scheduleId, int limit) {
        return scheduleControl.fires(workflow, scheduleId, limit);
    }

    @Override
    public List<String> backfill(String workflow, String scheduleId, java.time.Instant from, java.time.Instant to,
                                 int parallelism) {
        return scheduleControl.backfill(workflow, scheduleId, from, to, parallelism);
    }

    /** @return when the next schedule fire is due, epoch ms, after firing the due ones */
    long fireSchedules() {
        return scheduleService.tick();
    }

    @Override
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    // ---- RunHost ----

    @Override
    public EngineMetrics metrics() {
        return metrics;
    }

    @Override
    public EngineTracing tracing() {
        return tracing;
    }

    @Override
    public long stepLogLimitBytes() {
        return config.telemetry().stepLogLimitBytes();
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public GroupCommitter writer() {
        return writer;
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public EngineClock clock() {
        return clock;
    }

    @Override
    public StepInterceptor stepInterceptor() {
        return stepInterceptor;
    }

    @Override
    public SecretProvider secrets() {
        return config.secrets();
    }

    @Override
    public SecretMasker masker() {
        return masker;
    }

    @Override
    public String workerId() {
        return identity.id();
    }

    @Override
    public long leaseMillis() {
        return config.lease().toMillis();
    }

    long pollIntervalMillis() {
        return config.pollInterval().toMillis();
    }

    @Override
    public long inMemoryWaitMillis() {
        return config.inMemoryWait().toMillis();
    }

    @Override
    public WorkflowDefinition<?, ?> workflow(String workflow) {
        return declarations.workflow(workflow);
    }

    @Override
    public String workflowNameOf(Class<?> type) {
        return declarations.nameOf(type);
    }

    @Override
    public Collection<String> workflowNames() {
        return declarations.names();
    }

    @Override
    public RunRow newRun(String id, String workflow, String inputJson, String idempotencyKey, String parentRunId,
                         int parentSeq, int priority) {
        long now = clock.millis();
        boolean runHere = started && !closed && active.size() < config.maxActiveRuns();
        return new RunRow(id, workflow, runHere ? RunStatus.RUNNING : RunStatus.PENDING, inputJson, null, null, null,
                idempotencyKey, parentRunId, parentSeq, runHere ? identity.id() : null,
                runHere ? now + leaseMillis() : 0, null, null, false, now, runHere ? now : null, null, now, priority,
                null, codeVersion);
    }

    @Override
    public LockSpec lockSpec(String name) {
        return declarations.lockSpec(name);
    }

    @Override
    public void wakeRuns(List<String> runIds) {
        boolean claimNeeded = false;
        for (String runId : runIds) {
            RunExecution execution = active.get(runId);
            if (execution != null && execution.waitsInMemory()) {
                execution.wake();
            } else {
                // Not waiting here in memory (elsewhere, released, or not yet waiting): the work loop claims it when due.
                if (execution != null) {
                    execution.wake();
                }
                claimNeeded = true;
            }
        }
        if (claimNeeded) {
            workLoop.poke();
        }
    }

    @Override
    public void launch(RunRow run, boolean fresh) {
        WorkflowDefinition<?, ?> definition = declarations.workflow(run.workflow());
        if (definition == null) {
            long now = clock.millis();
            log.warn("run {} is of workflow '{}', which this worker does not have; leaving it for another worker",
                    run.id(), run.workflow());
            writer.record(null, new Write.MarkWaiting(run.id(), now + 60_000,
                    "a worker that has workflow '" + run.workflow() + "'", true, now));
            return;
        }
        RunExecution execution = new RunExecution(this, run, definition, fresh);
        RunExecution previous = active.putIfAbsent(run.id(), execution);
        if (previous != null) {
            // The previous execution is releasing its thread; the run is claimed again once it has.
            previous.done().thenRun(workLoop::poke);
            return;
        }
        Thread.ofVirtual().name("baton-run-" + run.id()).start(clock.track(execution));
    }

    /** A claimed run: wake it if it is parked here, else execute it. */
    void claimed(Claim claim) {
        RunExecution execution = active.get(claim.run().id());
        if (execution != null) {
            execution.wake();
            return;
        }
        boolean orphaned = claim.run().status() == RunStatus.RUNNING;
        if (!claim.wasMine() && (claim.previousOwner() != null || orphaned)) {
            long now = clock.millis();
            String previous = claim.previousOwner() == null ? "its worker" : "worker " + claim.previousOwner();
            writer.record(null, new Write.AppendEvent(new EventRow(claim.run().id(), now, "RUN_RECOVERED",
                    previous + " stopped or lost its lease; resumed by " + identity.id())));
        }
        launch(claim.run(), false);
    }

    int capacity() {
        return config.maxActiveRuns() - active.size();
    }

    @Override
    public boolean listening() {
        return !listeners.isEmpty();
    }

    @Override
    public void emit(RunEvent raw) {
        RunEvent event = masker.active() ? new RunEvent(raw.at(), raw.type(), raw.runId(), raw.workflow(), raw.step(),
                raw.seq(), raw.attempt(), masker.mask(raw.detail())) : raw;
        for (RunListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("a run listener failed on {}: {}", event.type(), e.toString());
            }
        }
    }

    @Override
    public void poke() {
        workLoop.poke();
    }

    @Override
    public void ended(RunExecution execution) {
        active.remove(execution.runId(), execution);
    }

    @Override
    public void finished(RunRow run) {
        pauses.remove(run.id());
        CompletableFuture<Void> waiter = finishWaiters.remove(run.id());
        if (waiter != null) {
            waiter.complete(null);
        }
        if (run.parentRunId() != null) {
            RunExecution parent = active.get(run.parentRunId());
            if (parent != null) {
                parent.wake();
            } else {
                workLoop.poke();
            }
        }
    }

    @Override
    public void paused(RunExecution execution, Throwable cause) {
        int count = pauses.merge(execution.runId(), 1, Integer::sum);
        long delay = Math.min(30_000, 500L << Math.min(6, count - 1));
        log.error("run {} paused: {}. It resumes from its last checkpoint in {}ms", execution.runId(),
                cause.getMessage(), delay);
        emit(new RunEvent(java.time.Instant.ofEpochMilli(clock.millis()), RunEvent.Type.RUN_PAUSED, execution.runId(),
                execution.row().workflow(), null, 0, 0, cause.getMessage() + "; resuming in " + delay + "ms"));
        Thread.ofVirtual().name("baton-resume-" + execution.runId()).start(clock.track(() -> {
            try {
                clock.sleep(delay);
                if (closed) {
                    return;
                }
                Optional<RunRow> run = store.findRun(execution.runId());
                if (run.isPresent() && !run.get().status().isTerminal() && identity.id().equals(run.get().owner())) {
                    launch(run.get(), false);
                } else {
                    workLoop.poke();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                paused(execution, e);
            }
        }));
    }

    @Override
    public RunExecution active(String runId) {
        return active.get(runId);
    }

    // ---- helpers ----

    CompletableFuture<Void> finishWaiter(String runId) {
        return finishWaiters.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    private List<Object> submit(Write... writes) {
        try {
            return writer.submit(writes).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BatonException baton) {
                throw baton;
            }
            throw new StoreException("store write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A time-ordered id (UUID version 7 layout), so that ids sort by creation. */
    private String newRunId() {
        long millis = clock.millis();
        long most = (millis << 16) | 0x7000L | (ID_RANDOM.nextInt() & 0x0FFFL);
        long least = (ID_RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
