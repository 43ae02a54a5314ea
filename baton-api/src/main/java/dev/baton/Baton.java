package dev.baton;

import java.util.List;
import java.util.Optional;

/**
 * A Baton engine: registered workflows, a store, and the workers that execute runs. Build one
 * with {@link #builder()}, {@link #start()} it, and {@link #close()} it on shutdown; runs in
 * flight at close (or at a crash) resume at the next start, on this or another process that
 * shares the store.
 *
 * <pre>{@code
 * try (Baton baton = Baton.builder()
 *         .store(StoreConfig.sqlite(Path.of(".baton/baton.db")))
 *         .workflow(new NightlyLoad(warehouse))
 *         .build()) {
 *     baton.start();
 *     RunHandle run = baton.start("NightlyLoad", new LoadRequest(today));
 *     LoadReport report = run.result(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public interface Baton extends AutoCloseable {

    /** @return a builder; the engine implementation is found on the class path */
    static BatonBuilder builder() {
        return new BatonBuilder();
    }

    /**
     * Starts executing: resumes runs left in flight, then picks up due and new runs. Starting
     * runs and inspecting them works before this too; they execute once started.
     */
    void start();

    /**
     * Stops executing. Runs in flight stop at their next durable call and are left for the next
     * start; nothing already checkpointed is lost.
     */
    @Override
    void close();

    /**
     * Starts a run, or returns the existing one for the same run id or idempotency key.
     *
     * @param workflow the workflow's name
     * @param input    the input, converted to the workflow's input type through JSON
     * @param options  run id and idempotency key
     * @return the run
     * @throws WorkflowNotFoundException when no workflow has that name
     * @throws InvalidInputException     when the input does not fit the workflow's input type
     */
    RunHandle start(String workflow, Object input, StartOptions options);

    /**
     * Starts a run with a generated id.
     *
     * @param workflow the workflow's name
     * @param input    the input
     * @return the run
     */
    default RunHandle start(String workflow, Object input) {
        return start(workflow, input, StartOptions.defaults());
    }

    /**
     * Starts a run of a workflow registered from its class.
     *
     * @param workflow the workflow's class
     * @param input    the input
     * @param <I>      the input type
     * @return the run
     */
    <I> RunHandle start(Class<? extends Workflow<I, ?>> workflow, I input);

    /**
     * Starts a run from input given as JSON text, as the CLI and the HTTP API do.
     *
     * @param workflow  the workflow's name
     * @param inputJson the input as JSON; {@code null} or blank means JSON null
     * @param options   run id and idempotency key
     * @return the run
     * @throws InvalidInputException when the JSON is malformed or does not fit the input type;
     *                               the message names the field
     */
    RunHandle startJson(String workflow, String inputJson, StartOptions options);

    /**
     * @param runId a run's id
     * @return a handle on it
     * @throws RunNotFoundException when there is no such run
     */
    RunHandle handle(String runId);

    /**
     * Requests cancellation: running steps are interrupted, child runs cancelled, and the
     * workflow's {@code finally} blocks run. Cancelling a finished run does nothing.
     *
     * @param runId the run
     * @throws RunNotFoundException when there is no such run
     */
    void cancel(String runId);

    /**
     * Runs a FAILED run again from its last checkpoint, under the same run id: its completed
     * steps replay from history, and the failed step (with any failed parallel steps beside it)
     * runs again with a fresh attempt count. Use it once the cause is fixed (a service is back,
     * a bug fix is deployed). Runs started by triggers on its success start when it completes.
     *
     * @param runId the run
     * @throws RunNotFoundException when there is no such run
     * @throws RunStateException    when the run is not FAILED; the message says its state
     */
    default void retry(String runId) {
        throw new UnsupportedOperationException("this Baton (" + getClass().getName() + ") cannot retry runs");
    }

    /**
     * Sends a signal to a run; it is kept until the run awaits it.
     *
     * @param runId   the run
     * @param name    the signal's name
     * @param payload the payload, stored as JSON
     * @throws RunNotFoundException when there is no such run
     * @throws RunStateException    when the run has finished
     */
    void signal(String runId, String name, Object payload);

    /**
     * Sends a signal whose payload is JSON text.
     *
     * @param runId       the run
     * @param name        the signal's name
     * @param payloadJson the payload as JSON, or null
     */
    void signalJson(String runId, String name, String payloadJson);

    /** @param runId a run's id @return the run as stored, if it exists */
    Optional<RunInfo> findRun(String runId);

    /** @param query a filter @return the matching runs, newest first */
    List<RunInfo> runs(RunQuery query);

    /** @param runId a run's id @return its durable calls with their attempts, in sequence order */
    List<StepInfo> steps(String runId);

    /** @param runId a run's id @return its event timeline, oldest first */
    List<TimelineEvent> timeline(String runId);

    /**
     * @param runId   a run's id
     * @param afterId only lines after this id (0 for all), to follow a run's log
     * @param limit   the most lines, 1 to 10,000
     * @return the lines its steps logged, in arrival order
     */
    List<LogLine> logs(String runId, long afterId, int limit);

    /**
     * @return the registry holding this engine's {@code baton.*} meters (what
     *         {@link BatonBuilder#meterRegistry} was given, else Micrometer's global registry)
     */
    default io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return io.micrometer.core.instrument.Metrics.globalRegistry;
    }

    /** @return the registered workflows, by name */
    List<WorkflowInfo> workflows();

    /**
     * @return the version of the code this process runs, recorded with each run it starts (see
     *         {@link BatonBuilder#codeVersion(String)}); null when the implementation records none
     */
    default String codeVersion() {
        return null;
    }

    /**
     * Stops a schedule from firing, in every process sharing the store, until
     * {@link #resumeSchedule(String, String)}. Runs already started are not affected. Pausing a
     * paused schedule does nothing.
     *
     * @param workflow   the workflow's name
     * @param scheduleId the schedule's id
     * @throws WorkflowNotFoundException when no workflow has that name
     * @throws IllegalArgumentException  when the workflow has no schedule with that id
     */
    void pauseSchedule(String workflow, String scheduleId);

    /**
     * Lets a paused schedule fire again. Fires missed while it was paused follow its catch-up
     * policy (default: the latest one starts).
     *
     * @param workflow   the workflow's name
     * @param scheduleId the schedule's id
     * @throws WorkflowNotFoundException when no workflow has that name
     * @throws IllegalArgumentException  when the workflow has no schedule with that id
     */
    void resumeSchedule(String workflow, String scheduleId);

    /** @return every registered schedule with its state, by workflow then registration order */
    List<ScheduleInfo> schedules();

    /**
     * @param workflow   the workflow's name
     * @param scheduleId the schedule's id
     * @param limit      the most fires, 1 to 10,000
     * @return the schedule's recorded fires, newest logical time first
     * @throws WorkflowNotFoundException when no workflow has that name
     * @throws IllegalArgumentException  when the workflow has no schedule with that id
     */
    List<ScheduleFire> fires(String workflow, String scheduleId, int limit);

    /**
     * Runs a schedule over a past range on purpose: one run per logical fire in
     * [{@code from}, {@code to}), each receiving its logical time, at most {@code parallelism}
     * of them running at once. Backfill runs bypass the overlap and catch-up policies and carry
     * no jitter. Their ids derive from the workflow, schedule and logical time, so requesting the
     * same backfill again starts nothing twice. At most 1,000 fires per request.
     *
     * @param workflow    the workflow's name
     * @param scheduleId  the schedule's id
     * @param from        the first instant of the range, included
     * @param to          the end of the range, excluded; not after now
     * @param parallelism the most backfill runs of this schedule running at once, at least 1
     * @return the ids of the runs of the range, oldest logical time first, whether started now or before
     * @throws WorkflowNotFoundException when no workflow has that name
     * @throws IllegalArgumentException  when the schedule is unknown or the range is invalid
     */
    List<String> backfill(String workflow, String scheduleId, java.time.Instant from, java.time.Instant to,
                          int parallelism);

    /**
     * @param limit the most deploys to return
     * @return the deploys recorded in the store by {@code baton deploy}, newest first, each with what
     *         it changed against the one before
     */
    default List<DeploymentInfo> deployments(int limit) {
        return List.of();
    }

    /**
     * @return the declarations of the last deploy recorded in the store by {@code baton deploy};
     *         empty when nothing was deployed (or the implementation records no deploys)
     */
    default java.util.Optional<DeployedManifest> deployedManifest() {
        return java.util.Optional.empty();
    }

    /**
     * Records a deploy in the store, as {@code baton deploy} does on a store file: the manifest
     * (as {@code baton manifest} writes it, its {@code hash} matching its declarations) becomes
     * the last deployed one, which later plans compare with.
     *
     * @param manifestJson the manifest
     * @param author       who deploys
     * @return the deploy, with what it changed against the one before
     * @throws IllegalArgumentException      when the JSON is not a manifest, is of a format newer than this
     *                                       Baton reads (naming both versions), or its hash does not match
     * @throws UnsupportedOperationException when the implementation records no deploys
     */
    default DeploymentInfo deploy(String manifestJson, String author) {
        throw new UnsupportedOperationException("this Baton (" + getClass().getName() + ") records no deploys");
    }

    /**
     * Writes the histories of the matching runs as a histories file (JSON Lines, one run per line,
     * the format {@code baton export} writes and {@code baton replay-check} reads), newest run
     * first. Only reads the store.
     *
     * @param workflow only runs of this workflow, or null for all
     * @param statuses only runs in these states; empty for the runs in flight (pending, running, waiting)
     * @param out      where the lines go; flushed, not closed
     * @return the number of runs written
     * @throws UnsupportedOperationException when the implementation cannot read histories
     * @throws java.io.UncheckedIOException   when writing to {@code out} fails
     */
    default int exportHistories(String workflow, java.util.Set<RunStatus> statuses, java.io.Writer out) {
        throw new UnsupportedOperationException("this Baton does not export run histories");
    }

    /**
     * @return the users, API tokens, sessions and audit trail kept in this engine's store, which a
     *         server checks every request against
     * @throws UnsupportedOperationException when this Baton keeps none (it cannot serve with
     *         authentication)
     */
    default dev.baton.access.AccessRegistry access() {
        throw new UnsupportedOperationException("this Baton (" + getClass().getName() + ") keeps no users, tokens "
                + "or audit trail");
    }

    /**
     * @param limit the most incidents
     * @return the alert incidents, newest first, with their deliveries; empty when alerts are off
     */
    default List<dev.baton.alert.AlertIncident> alerts(int limit) {
        return List.of();
    }
}
