package dev.baton;

import dev.baton.spi.BatonConfig;
import dev.baton.spi.EngineFactory;
import dev.baton.spi.TelemetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.OpenTelemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/** Configures a {@link Baton}. Every setting has a default; only workflows must be added. */
public final class BatonBuilder {
    /** Default store: {@code .baton/baton.db} under the working directory. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of(".baton", "baton.db");
    /** Default longest wait a run spends parked in memory before its thread is released: 5 s. */
    public static final Duration DEFAULT_IN_MEMORY_WAIT = Duration.ofSeconds(5);
    /** Default lease on a claimed run, renewed by heartbeat: 30 s. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Default interval between polls of the store for due work: 250 ms. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** Default most runs executing at once in this process: 10,000. */
    public static final int DEFAULT_MAX_ACTIVE_RUNS = 10_000;
    /** Default most bytes of log one step attempt stores: 8 MiB (a shell step's own cap, 4 MiB, fits). */
    public static final long DEFAULT_STEP_LOG_LIMIT_BYTES = 8L * 1024 * 1024;

    private StoreConfig store = StoreConfig.sqlite(DEFAULT_SQLITE_FILE);
    private final Map<String, WorkflowDefinition<?, ?>> workflows = new LinkedHashMap<>();
    private final List<RunListener> listeners = new ArrayList<>();
    private final Map<String, LockSpec> locks = new LinkedHashMap<>();
    private final Map<String, List<Trigger>> triggers = new LinkedHashMap<>();
    private final Map<String, List<Schedule>> schedules = new LinkedHashMap<>();
    private dev.baton.alert.Alerts alerts;
    private String workerId;
    private Duration inMemoryWait = DEFAULT_IN_MEMORY_WAIT;
    private Duration lease = DEFAULT_LEASE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private int maxActiveRuns = DEFAULT_MAX_ACTIVE_RUNS;
    private SecretProvider secrets = SecretProvider.environment();
    private String codeVersion;
    private List<String> acceptedVersions;
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    private OpenTelemetry openTelemetry;
    private long stepLogLimitBytes = DEFAULT_STEP_LOG_LIMIT_BYTES;

    BatonBuilder() {
    }

    /** @param value where runs are stored @return this */
    public BatonBuilder store(StoreConfig value) {
        this.store = Objects.requireNonNull(value, "store");
        return this;
    }

    /** @param workflow a workflow class instance; registered under its simple class name @return this */
    public BatonBuilder workflow(Workflow<?, ?> workflow) {
        return workflow(WorkflowDefinition.of(workflow));
    }

    /**
     * Registers a workflow started by triggers.
     *
     * @param workflow a workflow class instance
     * @param starts   what starts it, e.g. {@code Trigger.after(NightlyLoad.class)}
     * @return this
     */
    public BatonBuilder workflow(Workflow<?, ?> workflow, Trigger... starts) {
        return workflow(WorkflowDefinition.of(workflow), starts);
    }

    /**
     * Registers a workflow started by triggers.
     *
     * @param definition the workflow
     * @param starts     what starts it
     * @return this
     */
    public BatonBuilder workflow(WorkflowDefinition<?, ?> definition, Trigger... starts) {
        workflow(definition);
        triggers.computeIfAbsent(definition.name(), name -> new ArrayList<>()).addAll(List.of(starts));
        return this;
    }

    /**
     * Registers a workflow started by schedules, as well as by hand.
     *
     * @param workflow  a workflow class instance
     * @param schedules when it starts on its own, e.g. {@code Schedule.cron("0 2 * * *", "Europe/Berlin")}
     * @return this
     * @throws IllegalArgumentException naming the workflow and {@code schedule} when two schedules share an id
     */
    public BatonBuilder workflow(Workflow<?, ?> workflow, Schedule... schedules) {
        return workflow(WorkflowDefinition.of(workflow), schedules);
    }

    /**
     * Registers a workflow started by schedules, as well as by hand. Fires are recorded under
     * each schedule's id, so the ids of one workflow's schedules must differ.
     *
     * @param definition the workflow
     * @param schedules  when it starts on its own
     * @return this
     * @throws IllegalArgumentException naming the workflow and {@code schedule} when two schedules share an id
     */
    public BatonBuilder workflow(WorkflowDefinition<?, ?> definition, Schedule... schedules) {
        List<Schedule> added = new ArrayList<>();
        for (Schedule schedule : schedules) {
            Objects.requireNonNull(schedule, "schedule");
            if (added.stream().anyMatch(s -> s.id().equals(schedule.id()))) {
                throw new IllegalArgumentException("workflow '" + definition.name() + "': schedule ids must be unique, "
                        + "was '" + schedule.id() + "' twice; give one of them Schedule.id(...)");
            }
            added.add(schedule);
        }
        workflow(definition);
        this.schedules.put(definition.name(), List.copyOf(added));
        return this;
    }

    /**
     * @param definition a workflow with its name and input type
     * @return this
     * @throws IllegalArgumentException when the name is taken
     */
    public BatonBuilder workflow(WorkflowDefinition<?, ?> definition) {
        if (workflows.putIfAbsent(definition.name(), definition) != null) {
            throw new IllegalArgumentException("two workflows are registered under the name '" + definition.name()
                    + "'; give one of them another name with WorkflowDefinition.withName(...)");
        }
        return this;
    }

    /** @param catalog a set of workflows @return this */
    public BatonBuilder workflows(WorkflowCatalog catalog) {
        catalog.register(this);
        return this;
    }

    /**
     * Declares a lock: one holder at a time, waiting in line when taken.
     *
     * @param name the lock's name
     * @return this
     */
    public BatonBuilder lock(String name) {
        return lock(LockSpec.lock(name));
    }

    /**
     * Declares a pool of {@code slots} (a lock with several holders).
     *
     * @param name  the pool's name
     * @param slots how many at once, at least 1
     * @return this
     */
    public BatonBuilder pool(String name, int slots) {
        return lock(LockSpec.pool(name, slots));
    }

    /**
     * Declares a lock or pool with its policy.
     *
     * @param spec the declaration
     * @return this
     * @throws IllegalArgumentException when the name is declared twice
     */
    public BatonBuilder lock(LockSpec spec) {
        if (locks.putIfAbsent(spec.name(), Objects.requireNonNull(spec, "spec")) != null) {
            throw new IllegalArgumentException("lock '" + spec.name() + "' is declared twice");
        }
        return this;
    }

    /** @param listener receives progress events of runs executing here @return this */
    public BatonBuilder listener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** @param value this process's worker id, unique among the processes sharing the store; default host/pid/start @return this */
    public BatonBuilder workerId(String value) {
        this.workerId = value;
        return this;
    }

    /** @param value the longest wait kept in memory before the run's thread is released @return this */
    public BatonBuilder inMemoryWait(Duration value) {
        this.inMemoryWait = requirePositive(value, "inMemoryWait");
        return this;
    }

    /** @param value the lease on a claimed run @return this */
    public BatonBuilder lease(Duration value) {
        this.lease = requirePositive(value, "lease");
        return this;
    }

    /** @param value the interval between polls for due work @return this */
    public BatonBuilder pollInterval(Duration value) {
        this.pollInterval = requirePositive(value, "pollInterval");
        return this;
    }

    /** @param value the most runs executing at once here @return this */
    public BatonBuilder maxActiveRuns(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxActiveRuns must be >= 1, was " + value);
        }
        this.maxActiveRuns = value;
        return this;
    }

    /**
     * @param value where steps' secrets come from; default the environment variables
     * @return this
     */
    public BatonBuilder secrets(SecretProvider value) {
        this.secrets = Objects.requireNonNull(value, "secrets");
        return this;
    }

    /**
     * Names the version of the code this process runs (a git revision, a release number). Each run
     * records the version it started under, shown by {@code baton show}. Without it the version is
     * detected: the environment variable {@code BATON_CODE_VERSION}, else a {@code baton.version}
     * resource (its first line), else {@code git.commit.id} of a {@code git.properties} resource,
     * else a hash of the registered workflow classes.
     *
     * @param value the version, not blank
     * @return this
     */
    public BatonBuilder codeVersion(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("codeVersion must not be blank");
        }
        this.codeVersion = value.strip();
        return this;
    }

    /**
     * @param value the registry for the engine's {@code baton.*} meters (see docs/observability.md);
     *              default Micrometer's global registry, {@code Metrics.globalRegistry}
     * @return this
     */
    public BatonBuilder meterRegistry(MeterRegistry value) {
        this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
        return this;
    }

    /**
     * Makes this worker execute only runs that started under its own code version, or under one of
     * {@code versions} (those the replay check proved the new code replays), and runs that recorded
     * no version. Runs of other versions are left to the workers that accept them, so that workers
     * of the old version drain the old runs while new workers take the new ones. Called with no
     * versions, the worker accepts its own version only. The default, without this call, is runs of
     * any version. See docs/versioning.md.
     *
     * @param versions other versions whose runs this worker's code replays
     * @return this
     */
    public BatonBuilder acceptsRunsOf(String... versions) {
        List<String> accepted = new ArrayList<>();
        for (String version : versions) {
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("acceptsRunsOf: a version must not be blank");
            }
            accepted.add(version.strip());
        }
        this.acceptedVersions = List.copyOf(accepted);
        return this;
    }

    /** Makes this worker execute runs of any code version (the default). @return this */
    public BatonBuilder acceptsRunsOfAnyVersion() {
        this.acceptedVersions = null;
        return this;
    }

    /**
     * @param value where the spans of runs and steps go; default {@code GlobalOpenTelemetry}, which
     *              records nothing until an OpenTelemetry SDK is installed
     * @return this
     */
    public BatonBuilder openTelemetry(OpenTelemetry value) {
        this.openTelemetry = Objects.requireNonNull(value, "openTelemetry");
        return this;
    }

    /**
     * @param bytes the most bytes of log one step attempt stores (its lines, SLF4J lines and
     *              shell output); past it, one line says how much was dropped. Default 8 MiB.
     * @return this
     */
    public BatonBuilder stepLogLimit(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("stepLogLimit must be >= 1 byte, was " + bytes);
        }
        this.stepLogLimitBytes = bytes;
        return this;
    }

    /**
     * Turns alerts on: failures, missed deadlines and missed or skipped fires go to the channels
     * routed by each workflow's owner (see docs/alerts.md). Needs {@code dev.baton:baton-alerts}
     * on the class path.
     *
     * @param value the settings, from {@link dev.baton.alert.Alerts#builder()}; null turns alerts off
     * @return this
     */
    public BatonBuilder alerts(dev.baton.alert.Alerts value) {
        this.alerts = value;
        return this;
    }

    /**
     * Builds the engine and opens the store (migrating its schema); it does not execute runs
     * until {@link Baton#start()}.
     *
     * @return the engine
     * @throws StoreException when the store cannot be opened
     */
    public Baton build() {
        BatonConfig config = config();
        EngineFactory factory = ServiceLoader.load(EngineFactory.class).findFirst().orElseThrow(() ->
                new IllegalStateException("no Baton engine on the class path; add the dependency dev.baton:baton-engine"));
        return factory.create(config);
    }

    /**
     * The settings gathered so far, as an engine receives them, without building an engine or
     * opening the store: for engine factories, the test kit and the replay check (which build
     * engines of their own) and tools that read the declarations (the manifest of
     * {@code baton plan}, the schedule simulation); {@link #build()} is the way to run them.
     *
     * @return the settings
     */
    public BatonConfig config() {
        return new BatonConfig(store, List.copyOf(workflows.values()), List.copyOf(listeners),
                workerId, inMemoryWait, lease, pollInterval, maxActiveRuns, secrets, List.copyOf(locks.values()),
                Map.copyOf(triggers), Collections.unmodifiableMap(new LinkedHashMap<>(schedules)), codeVersion,
                acceptedVersions, new TelemetryConfig(meterRegistry, openTelemetry, stepLogLimitBytes), alerts);
    }

    private static Duration requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }
}
