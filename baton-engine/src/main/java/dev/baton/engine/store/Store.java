package dev.baton.engine.store;

import dev.baton.RunQuery;
import dev.baton.StoreException;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage of runs, steps, attempts, events, signals and workers, shaped by what the
 * engine needs. One implementation per database dialect; every implementation passes the same
 * contract test suite ({@code StoreContract} in this module's tests).
 *
 * <p>Assumptions every implementation keeps, so that several worker processes can share one
 * store:
 * <ul>
 *   <li>{@link #apply} runs a batch in one transaction: all of it becomes durable, or none.</li>
 *   <li>Work is claimed under leases ({@link Write.ClaimRuns}); a claim is atomic across
 *       processes, so two workers never hold the same run.</li>
 *   <li>Writes touch only the columns they name; reads see only committed data.</li>
 * </ul>
 *
 * <p>{@code apply} is called by one thread per process (the engine's group committer); read
 * methods may be called from any thread at once.
 */
public interface Store extends AutoCloseable {

    /** @return a short description for messages, e.g. {@code sqlite:/path/baton.db} */
    String describe();

    /**
     * Applies writes in one transaction, in order.
     *
     * @param batch the writes
     * @return one result per write, in order (see each {@link Write} for its result)
     * @throws StoreException when the transaction failed; nothing of the batch was applied
     */
    List<Object> apply(List<Write> batch);

    /** @param runId a run's id @return the run, if stored */
    Optional<RunRow> findRun(String runId);

    /** @param key an idempotency key @return the run started with it, if any */
    Optional<RunRow> findRunByIdempotencyKey(String key);

    /** @param query a filter @return matching runs, newest (created_at, then id) first */
    List<RunRow> listRuns(RunQuery query);

    /** @param runId a run @return its step rows in sequence order */
    List<StepRow> steps(String runId);

    /** @param runId a run @param seq a sequence number @return that step row, if stored */
    Optional<StepRow> step(String runId, int seq);

    /** @param runId a run @return its failed attempts, by sequence number then attempt */
    List<AttemptRow> attempts(String runId);

    /** @param runId a run @return its timeline, oldest first (insertion order among equal times) */
    List<EventRow> events(String runId);

    /**
     * @param runId   a run
     * @param afterId only lines with a greater id (0 for all)
     * @param limit   the most lines
     * @return the run's log lines in arrival order
     */
    List<LogRow> logs(String runId, long afterId, int limit);

    /** @param runId a run @return every signal sent to it, consumed or not, in arrival order */
    List<SignalRow> signals(String runId);

    /** @param runId a run @param name a signal name @return the oldest unconsumed signal of that name */
    Optional<SignalRow> nextSignal(String runId, String name);

    /** @param parentRunId a run @return ids of its child runs that have not finished */
    List<String> activeChildren(String parentRunId);

    /** @param owner a worker @return ids of its non-terminal runs whose cancellation was requested */
    List<String> cancelRequested(String owner);

    /** @param lock a lock's name @return its holders, oldest first */
    List<LockHolder> lockHolders(String lock);

    /** @param lock a lock's name @return its line, in serving order */
    List<LockWaiter> lockWaiters(String lock);

    /** @param workflow a workflow @param scheduleId a schedule's id @return its stored state, if registered */
    Optional<ScheduleRow> schedule(String workflow, String scheduleId);

    /**
     * @param workflow   a workflow
     * @param scheduleId a schedule's id
     * @param limit      the most fires
     * @return its recorded fires, newest logical time first
     */
    List<FireRow> fires(String workflow, String scheduleId, int limit);

    /**
     * @param workflow   a workflow
     * @param scheduleId a schedule's id
     * @return ids of the runs its fires started that have not finished, oldest fire first
     */
    List<String> unfinishedScheduleRuns(String workflow, String scheduleId);

    /**
     * @param limit the most deploys
     * @return the recorded deploys, newest (highest id) first; empty when nothing was deployed
     */
    List<DeploymentRow> deployments(int limit);

    /** @return the last recorded deploy: what the store's application runs now, if it was ever deployed */
    default Optional<DeploymentRow> latestDeployment() {
        return deployments(1).stream().findFirst();
    }

    /**
     * @param at a moment, epoch ms (for instance a run's creation)
     * @return the deploy that was live then: the newest recorded at or before it, if any
     */
    default Optional<DeploymentRow> deploymentAt(long at) {
        return deployments(Integer.MAX_VALUE).stream().filter(d -> d.deployedAt() <= at).findFirst();
    }

    /**
     * The stored state of several schedules of one workflow at once, for the scheduler's passes
     * that find many schedules due together.
     *
     * @param workflow    a workflow
     * @param scheduleIds schedules' ids
     * @return by schedule id, the state of those that are registered
     */
    default Map<String, ScheduleRow> schedules(String workflow, Collection<String> scheduleIds) {
        Map<String, ScheduleRow> rows = new HashMap<>();
        for (String id : scheduleIds) {
            schedule(workflow, id).ifPresent(row -> rows.put(id, row));
        }
        return rows;
    }

    /**
     * @param workflow    a workflow
     * @param scheduleIds schedules' ids
     * @return by schedule id, the ids of the runs its fires started that have not finished, oldest
     *         fire first; a schedule with none is absent
     */
    default Map<String, List<String>> unfinishedScheduleRuns(String workflow, Collection<String> scheduleIds) {
        Map<String, List<String>> runs = new HashMap<>();
        for (String id : scheduleIds) {
            List<String> own = unfinishedScheduleRuns(workflow, id);
            if (!own.isEmpty()) {
                runs.put(id, own);
            }
        }
        return runs;
    }

    /**
     * @return users, tokens, sessions, failed logins and the audit trail in this store
     * @throws UnsupportedOperationException when this dialect keeps none yet
     */
    default AccessStore access() {
        throw new UnsupportedOperationException(describe() + " keeps no users, tokens or audit trail");
    }

    /**
     * @param afterId only entries with a greater id
     * @param types   the entry types wanted, e.g. RUN_FAILED
     * @param limit   the most entries
     * @return timeline entries of all runs in insertion (id) order, without gaps: an entry is
     *         returned only when every entry of a smaller id is committed. The alert evaluator
     *         moves its cursor past the last id it read and never looks back, so an entry that
     *         became visible after a greater id was read would never be alerted on. SQLite has one
     *         writer and commits ids in order; a dialect with concurrent writers (PostgreSQL
     *         sequences hand out ids before commit) must hold back entries above the smallest id
     *         still being written, e.g. by assigning the ids in commit order or reading only below
     *         the oldest open writing transaction's horizon.
     */
    List<NumberedEvent> eventsAfter(long afterId, Collection<String> types, int limit);

    /** @return the open alert incidents, oldest first */
    List<IncidentRow> openIncidents();

    /** @param limit the most incidents @return alert incidents, newest (highest id) first */
    List<IncidentRow> incidents(int limit);

    /** @param incidentIds incidents @return their deliveries, by incident then id */
    List<DeliveryRow> deliveries(Collection<Long> incidentIds);

    /** @param deliveryId a delivery @return its attempts in order */
    List<DeliveryAttemptRow> deliveryAttempts(long deliveryId);

    /** @return the worker holding (or last holding) the alert evaluator's lease, if any */
    Optional<String> alertEvaluatorOwner();

    /** @return the earliest next attempt among PENDING alert deliveries (leased or not), if any */
    Optional<Long> nextAlertDeliveryAt();

    /** @param subjects subjects of {@link AlertChange.Mark} @return those that are marked */
    java.util.Set<String> alertMarks(Collection<String> subjects);

    /** @return the earliest wake_at among WAITING runs, if any */
    Optional<Long> nextWakeAt();

    /** @return the distinct owners of non-terminal runs */
    List<String> owners();

    /** @return every worker row */
    List<WorkerRow> workers();

    /** Closes connections. Idempotent. */
    @Override
    void close();
}
