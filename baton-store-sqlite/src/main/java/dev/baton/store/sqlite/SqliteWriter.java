package dev.baton.store.sqlite;

import dev.baton.RunStatus;
import dev.baton.StoreException;
import dev.baton.engine.store.Claim;
import dev.baton.engine.store.CreateResult;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Write;
import dev.baton.engine.store.Write.AppendEvent;
import dev.baton.engine.store.Write.AppendLog;
import dev.baton.engine.store.Write.AcquireLock;
import dev.baton.engine.store.Write.ClaimRuns;
import dev.baton.engine.store.Write.CreateRunIfAllCompleted;
import dev.baton.engine.store.Write.ReleaseLocks;
import dev.baton.engine.store.Write.ConsumeSignal;
import dev.baton.engine.store.Write.CreateRun;
import dev.baton.engine.store.Write.DeleteWorker;
import dev.baton.engine.store.Write.FinishRun;
import dev.baton.engine.store.Write.InsertAttempt;
import dev.baton.engine.store.Write.InsertSignal;
import dev.baton.engine.store.Write.MarkRunning;
import dev.baton.engine.store.Write.MarkWaiting;
import dev.baton.engine.store.Write.ReleaseOwner;
import dev.baton.engine.store.Write.RenewLeases;
import dev.baton.engine.store.Write.RequestCancel;
import dev.baton.engine.store.Write.RetryRun;
import dev.baton.engine.store.Write.UpsertStep;
import dev.baton.engine.store.Write.UpsertWorker;
import dev.baton.engine.store.Write.WakeRun;
import dev.baton.engine.store.Write.RecordFire;
import dev.baton.engine.store.Write.RecordDeployment;
import dev.baton.engine.store.Write.RegisterSchedule;
import dev.baton.engine.store.Write.SetSchedulePaused;
import dev.baton.engine.store.Write.StartBufferedFire;
import dev.baton.engine.store.Write.ClaimAlertEvaluator;
import dev.baton.engine.store.Write.ClaimDeliveries;
import dev.baton.engine.store.Write.RecordAlertPass;
import dev.baton.engine.store.Write.RecordDeliveryAttempt;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's only write connection: applies batches of {@link Write}s, each batch in one
 * {@code BEGIN IMMEDIATE} transaction. Taking the write lock when the transaction begins (rather
 * than at its first write) means a claim's select and update see the same data even when
 * other processes write to the file, and a busy file fails at the start of a batch.
 *
 * <p>Each write type has one statement, prepared once. Consecutive writes of the same type whose
 * results need at most an update count run as one JDBC batch; the others run one by one. The
 * order of the batch is kept exactly.
 */
final class SqliteWriter implements AutoCloseable {
    // Steps are keyed by the run's integer key; a step of a run that is not stored fails (NOT NULL).
    private static final String UPSERT_STEP = "INSERT INTO steps (" + Rows.STEP_INSERT_COLUMNS + ") "
            + "VALUES ((SELECT run_key FROM runs WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (run_key, seq) DO UPDATE SET "
            + "name = excluded.name, kind = excluded.kind, status = excluded.status, attempts = excluded.attempts, "
            + "started_at = excluded.started_at, ended_at = excluded.ended_at, wake_at = excluded.wake_at, "
            + "output = excluded.output, output_type = excluded.output_type, error = excluded.error, "
            + "detail = excluded.detail";
    private static final String INSERT_ATTEMPT = "INSERT INTO attempts (" + Rows.ATTEMPT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, seq, attempt) DO NOTHING";
    // ON CONFLICT without a target covers both the id and the idempotency key.
    private static final String CREATE_RUN = "INSERT INTO runs (" + Rows.RUN_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String MARK_RUNNING = "UPDATE runs SET status = 'RUNNING', owner = ?1, lease_until = ?2, "
            + "started_at = COALESCE(started_at, ?3), wake_at = NULL, waiting_for = NULL, updated_at = ?3 "
            + "WHERE id = ?4 AND " + Rows.NOT_TERMINAL;
    private static final String MARK_WAITING = "UPDATE runs SET status = 'WAITING', wake_at = ?1, waiting_for = ?2, "
            + "owner = CASE WHEN ?3 THEN NULL ELSE owner END, lease_until = CASE WHEN ?3 THEN 0 ELSE lease_until END, "
            + "updated_at = ?4 WHERE id = ?5 AND " + Rows.NOT_TERMINAL;
    private static final String FINISH_RUN = "UPDATE runs SET status = ?1, output = ?2, output_type = ?3, error = ?4, "
            + "ended_at = ?5, updated_at = ?5, owner = NULL, lease_until = 0, wake_at = NULL, waiting_for = NULL "
            + "WHERE id = ?6 AND " + Rows.NOT_TERMINAL;
    private static final String RUN_STATUS = "SELECT status FROM runs WHERE id = ?";
    private static final String REQUEST_CANCEL = "UPDATE runs SET cancel_requested = 1, "
            + "wake_at = CASE WHEN status = 'WAITING' AND (wake_at IS NULL OR wake_at > ?1) THEN ?1 ELSE wake_at END, "
            + "updated_at = MAX(updated_at, ?1) WHERE id = ?2 AND " + Rows.NOT_TERMINAL;
    private static final String WAKE_RUN = "UPDATE runs SET wake_at = ?1, updated_at = MAX(updated_at, ?1) "
            + "WHERE id = ?2 AND status = 'WAITING' AND (wake_at IS NULL OR wake_at > ?1)";
    private static final String APPEND_EVENT = "INSERT INTO events (" + Rows.EVENT_COLUMNS + ") VALUES (?, ?, ?, ?)";
    private static final String APPEND_LOG = "INSERT INTO step_logs (run_id, seq, attempt, at, stream, line) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SIGNAL = "INSERT INTO signals (run_id, name, payload, received_at) "
            + "VALUES (?, ?, ?, ?) RETURNING id";
    private static final String CONSUME_SIGNAL = "UPDATE signals SET consumed_seq = ?1 "
            + "WHERE id = ?2 AND run_id = ?3 AND consumed_seq IS NULL";
    private static final String CLAIM = "UPDATE runs SET owner = ?1, lease_until = ?2 WHERE id = ?3";
    private static final String RENEW_LEASES = "UPDATE runs SET lease_until = ?2 WHERE owner = ?1 AND " + Rows.NOT_TERMINAL;
    private static final String RELEASE_OWNER = "UPDATE runs SET owner = NULL, lease_until = 0 "
            + "WHERE owner = ?1 AND " + Rows.NOT_TERMINAL;
    private static final String UPSERT_WORKER = "INSERT INTO workers (" + Rows.WORKER_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, "
            + "started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at";
    private static final String DELETE_WORKER = "DELETE FROM workers WHERE id = ?";
    private static final long MAX_GAP_MICROS = 2_000;

    private final Connection connection;
    private final SqliteErrors errors;
    private final ReentrantLock lock = new ReentrantLock();
    private final Statement control;
    private final PreparedStatement upsertStep;
    private final PreparedStatement insertAttempt;
    private final PreparedStatement createRun;
    private final PreparedStatement findRunId;
    private final PreparedStatement findRunIdByKey;
    private final PreparedStatement markRunning;
    private final PreparedStatement markWaiting;
    private final PreparedStatement finishRun;
    private final PreparedStatement runStatus;
    private final PreparedStatement requestCancel;
    private final PreparedStatement wakeRun;
    private final PreparedStatement appendEvent;
    private final PreparedStatement appendLog;
    private final PreparedStatement insertSignal;
    private final PreparedStatement consumeSignal;
    private final PreparedStatement selectClaimable;
    private final PreparedStatement claim;
    private final PreparedStatement renewLeases;
    private final PreparedStatement releaseOwner;
    private final PreparedStatement upsertWorker;
    private final PreparedStatement deleteWorker;
    private final LockTables locks;
    private final ScheduleTables schedules;
    private final DeploymentTables deployments;
    private final AlertTables alerts;
    private boolean closed;
    private long lastCommitEnded = System.nanoTime();
    private long lastHeldNanos;

    /**
     * @param connection an open connection to a migrated store, in auto-commit mode; owned from now on
     * @param errors     the translator of errors
     * @throws SQLException when a statement cannot be prepared
     */
    SqliteWriter(Connection connection, SqliteErrors errors) throws SQLException {
        this.connection = connection;
        this.errors = errors;
        // Transactions are begun and ended by hand: the driver's own transaction mode would
        // begin the next transaction right after each commit and so hold the write lock between
        // batches, shutting out every other process.
        this.control = connection.createStatement();
        this.upsertStep = connection.prepareStatement(UPSERT_STEP);
        this.insertAttempt = connection.prepareStatement(INSERT_ATTEMPT);
        this.createRun = connection.prepareStatement(CREATE_RUN);
        this.findRunId = connection.prepareStatement("SELECT id FROM runs WHERE id = ?");
        this.findRunIdByKey = connection.prepareStatement("SELECT id FROM runs WHERE idempotency_key = ?");
        this.markRunning = connection.prepareStatement(MARK_RUNNING);
        this.markWaiting = connection.prepareStatement(MARK_WAITING);
        this.finishRun = connection.prepareStatement(FINISH_RUN);
        this.runStatus = connection.prepareStatement(RUN_STATUS);
        this.requestCancel = connection.prepareStatement(REQUEST_CANCEL);
        this.wakeRun = connection.prepareStatement(WAKE_RUN);
        this.appendEvent = connection.prepareStatement(APPEND_EVENT);
        this.appendLog = connection.prepareStatement(APPEND_LOG);
        this.insertSignal = connection.prepareStatement(INSERT_SIGNAL);
        this.consumeSignal = connection.prepareStatement(CONSUME_SIGNAL);
        this.selectClaimable = connection.prepareStatement(ClaimQuery.SQL);
        this.claim = connection.prepareStatement(CLAIM);
        this.renewLeases = connection.prepareStatement(RENEW_LEASES);
        this.releaseOwner = connection.prepareStatement(RELEASE_OWNER);
        this.upsertWorker = connection.prepareStatement(UPSERT_WORKER);
        this.deleteWorker = connection.prepareStatement(DELETE_WORKER);
        this.locks = new LockTables(connection);
        this.schedules = new ScheduleTables(connection, this::createRun);
        this.deployments = new DeploymentTables(connection);
        this.alerts = new AlertTables(connection);
    }

    /**
     * Applies the writes in one transaction, in order.
     *
     * @param batch the writes
     * @return one result per write
     * @throws StoreException when the transaction failed; it was rolled back
     */
    List<Object> apply(List<Write> batch) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            List<Object> results = new ArrayList<>(batch.size());
            if (batch.isEmpty()) {
                return results;
            }
            Progress progress = new Progress(batch);
            leaveTheLockFreeForAMoment();
            try {
                control.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                throw errors.translate(progress.describe(), e);
            }
            long begun = System.nanoTime();
            try {
                applyInTransaction(batch, results, progress);
                progress.committing = true;
                control.execute("COMMIT");
                lastCommitEnded = System.nanoTime();
                lastHeldNanos = lastCommitEnded - begun;
                return results;
            } catch (SQLException e) {
                rollback(e);
                throw errors.translate(progress.describe(), e);
            } catch (RuntimeException | Error e) {
                rollback(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Work done on the write connection inside one transaction, for tables outside {@link Write}. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction on the write connection, between
     * the engine's batches: the access-control tables, written by server threads rather than the
     * engine's group committer.
     *
     * @throws StoreException when the transaction failed; it was rolled back
     */
    <T> T transaction(String doing, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            try {
                control.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                throw errors.translate(doing, e);
            }
            try {
                T result = work.run(connection);
                control.execute("COMMIT");
                lastCommitEnded = System.nanoTime();
                return result;
            } catch (SQLException e) {
                rollback(e);
                throw errors.translate(doing, e);
            } catch (RuntimeException | Error e) {
                rollback(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under load batches follow each other at once, and a process waiting for the write lock
     * would rarely find it free (SQLite's locks are not fair). So the writer lets a short time
     * pass after a commit before it locks again: a 32nd of how long it held the lock (about 3% of
     * its throughput), at most {@value #MAX_GAP_MICROS} µs; enough for a waiting process, which
     * tries every {@value BusyWait#RETRY_MICROS} µs (see {@link BusyWait}), to get in.
     */
    private void leaveTheLockFreeForAMoment() {
        long gap = Math.min(lastHeldNanos / 32, TimeUnit.MICROSECONDS.toNanos(MAX_GAP_MICROS));
        long remaining = gap - (System.nanoTime() - lastCommitEnded);
        if (remaining > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private void applyInTransaction(List<Write> batch, List<Object> results, Progress progress) throws SQLException {
        int size = batch.size();
        int i = 0;
        while (i < size) {
            Write first = batch.get(i);
            progress.at = i;
            PreparedStatement batched = batchedStatement(first);
            if (batched == null) {
                results.add(applyOne(first));
                i++;
                continue;
            }
            int end = i;
            while (end < size && batch.get(end).getClass() == first.getClass()) {
                bind(batched, batch.get(end));
                batched.addBatch();
                end++;
            }
            int[] counts;
            try {
                counts = batched.executeBatch();
            } catch (BatchUpdateException e) {
                progress.at = i + e.getUpdateCounts().length;
                throw e;
            }
            boolean countsMatter = first instanceof MarkRunning || first instanceof FinishRun
                    || first instanceof ConsumeSignal;
            for (int count : counts) {
                results.add(countsMatter ? Boolean.valueOf(count > 0) : null);
            }
            i = end;
        }
    }

    /** @return the statement of a write that runs in JDBC batches, or null for one that runs alone */
    private PreparedStatement batchedStatement(Write write) {
        return switch (write) {
            case UpsertStep ignored -> upsertStep;
            case InsertAttempt ignored -> insertAttempt;
            case MarkRunning ignored -> markRunning;
            case MarkWaiting ignored -> markWaiting;
            case FinishRun ignored -> finishRun;
            case WakeRun ignored -> wakeRun;
            case AppendEvent ignored -> appendEvent;
            case AppendLog ignored -> appendLog;
            case ConsumeSignal ignored -> consumeSignal;
            case UpsertWorker ignored -> upsertWorker;
            case DeleteWorker ignored -> deleteWorker;
            case CreateRun ignored -> null;
            case CreateRunIfAllCompleted ignored -> null;
            case RequestCancel ignored -> null;
            case RetryRun ignored -> null;
            case InsertSignal ignored -> null;
            case ClaimRuns ignored -> null;
            case AcquireLock ignored -> null;
            case ReleaseLocks ignored -> null;
            case RenewLeases ignored -> null;
            case ReleaseOwner ignored -> null;
            case RegisterSchedule ignored -> null;
            case RecordFire ignored -> null;
            case StartBufferedFire ignored -> null;
            case SetSchedulePaused ignored -> null;
            case RecordDeployment ignored -> null;
            case ClaimAlertEvaluator ignored -> null;
            case RecordAlertPass ignored -> null;
            case ClaimDeliveries ignored -> null;
            case RecordDeliveryAttempt ignored -> null;
        };
    }

    private static void bind(PreparedStatement ps, Write write) throws SQLException {
        switch (write) {
            case UpsertStep w -> Rows.bindStep(ps, w.step());
            case InsertAttempt w -> Rows.bindAttempt(ps, w.attempt());
            case MarkRunning w -> {
                ps.setString(1, w.owner());
                ps.setLong(2, w.leaseUntil());
                ps.setLong(3, w.at());
                ps.setString(4, w.runId());
            }
            case MarkWaiting w -> {
                Rows.setLong(ps, 1, w.wakeAt());
                ps.setString(2, w.waitingFor());
                ps.setInt(3, w.release() ? 1 : 0);
                ps.setLong(4, w.at());
                ps.setString(5, w.runId());
            }
            case FinishRun w -> {
                if (w.status() == null || !w.status().isTerminal()) {
                    throw new IllegalArgumentException("FinishRun of run " + w.runId()
                            + " needs COMPLETED, FAILED or CANCELLED, was " + w.status());
                }
                ps.setString(1, w.status().name());
                ps.setString(2, w.output());
                ps.setString(3, w.outputType());
                ps.setString(4, w.error());
                ps.setLong(5, w.at());
                ps.setString(6, w.runId());
            }
            case WakeRun w -> {
                ps.setLong(1, w.at());
                ps.setString(2, w.runId());
            }
            case AppendEvent w -> {
                ps.setString(1, w.event().runId());
                ps.setLong(2, w.event().at());
                ps.setString(3, w.event().type());
                ps.setString(4, w.event().detail());
            }
            case AppendLog w -> {
                ps.setString(1, w.line().runId());
                ps.setInt(2, w.line().seq());
                ps.setInt(3, w.line().attempt());
                ps.setLong(4, w.line().at());
                ps.setString(5, w.line().stream());
                ps.setString(6, w.line().line());
            }
            case ConsumeSignal w -> {
                ps.setInt(1, w.seq());
                ps.setLong(2, w.signalId());
                ps.setString(3, w.runId());
            }
            case UpsertWorker w -> {
                ps.setString(1, w.worker().id());
                ps.setString(2, w.worker().host());
                ps.setLong(3, w.worker().pid());
                ps.setLong(4, w.worker().startedAt());
                ps.setLong(5, w.worker().heartbeatAt());
            }
            case DeleteWorker w -> ps.setString(1, w.workerId());
            default -> throw new IllegalArgumentException("not a batched write: " + write);
        }
    }

    private Object applyOne(Write write) throws SQLException {
        return switch (write) {
            case CreateRun w -> createRun(w.run());
            case CreateRunIfAllCompleted w -> allCompleted(w) ? createRun(w.run()) : null;
            case RequestCancel w -> requestCancel(w);
            case RetryRun w -> retryRun(w);
            case InsertSignal w -> insertSignal(w);
            case ClaimRuns w -> claimRuns(w);
            case AcquireLock w -> locks.acquire(w);
            case ReleaseLocks w -> locks.release(w);
            case RegisterSchedule w -> schedules.register(w);
            case RecordFire w -> schedules.record(w);
            case StartBufferedFire w -> schedules.startHeld(w);
            case SetSchedulePaused w -> schedules.setPaused(w);
            case RecordDeployment w -> deployments.record(w);
            case ClaimAlertEvaluator w -> alerts.claimEvaluator(w);
            case RecordAlertPass w -> alerts.recordPass(w);
            case ClaimDeliveries w -> alerts.claimDeliveries(w);
            case RecordDeliveryAttempt w -> alerts.recordAttempt(w);
            case RenewLeases w -> {
                renewLeases.setString(1, w.owner());
                renewLeases.setLong(2, w.leaseUntil());
                yield renewLeases.executeUpdate();
            }
            case ReleaseOwner w -> {
                releaseOwner.setString(1, w.owner());
                yield releaseOwner.executeUpdate();
            }
            default -> throw new IllegalArgumentException("a batched write applied alone: " + write);
        };
    }

    private boolean allCompleted(CreateRunIfAllCompleted write) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(write.workflows().size(), "?"));
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(DISTINCT workflow) FROM runs "
                + "WHERE logical_time = ? AND status = 'COMPLETED' AND workflow IN (" + marks + ")")) {
            ps.setLong(1, write.logicalTime());
            for (int i = 0; i < write.workflows().size(); i++) {
                ps.setString(i + 2, write.workflows().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == new java.util.HashSet<>(write.workflows()).size();
            }
        }
    }

    private CreateResult createRun(RunRow run) throws SQLException {
        Rows.bindRun(createRun, run);
        if (createRun.executeUpdate() == 1) {
            return new CreateResult(run.id(), true);
        }
        // The insert hit the id or the idempotency key of a stored run; the id decides first.
        String existing = firstString(findRunId, run.id());
        if (existing == null && run.idempotencyKey() != null) {
            existing = firstString(findRunIdByKey, run.idempotencyKey());
        }
        if (existing == null) {
            throw new IllegalStateException("run " + run.id() + " was neither inserted nor found");
        }
        return new CreateResult(existing, false);
    }

    private RunStatus requestCancel(RequestCancel write) throws SQLException {
        String status = firstString(runStatus, write.runId());
        if (status == null) {
            return null;
        }
        requestCancel.setLong(1, write.at());
        requestCancel.setString(2, write.runId());
        requestCancel.executeUpdate();
        return RunStatus.valueOf(status);
    }

    private RunStatus retryRun(RetryRun write) throws SQLException {
        String status = firstString(runStatus, write.runId());
        if (status == null || !RunStatus.FAILED.name().equals(status)) {
            return status == null ? null : RunStatus.valueOf(status);
        }
        // The failed steps to run again: those after the last completed one. Earlier failures
        // were caught by the workflow, which went on; they replay as they were.
        String failedTail = "SELECT seq FROM steps WHERE run_key = (SELECT run_key FROM runs WHERE id = ?1) "
                + "AND status = 'FAILED' AND seq > COALESCE((SELECT MAX(seq) FROM steps WHERE run_key = "
                + "(SELECT run_key FROM runs WHERE id = ?1) AND status = 'COMPLETED'), 0)";
        retryFailedChildren(write, failedTail);
        // A child call that stays FAILED here (its child was cancelled) is kept: deleting it would
        // make the replay start a run under an id that is taken.
        try (PreparedStatement attempts = connection.prepareStatement(
                "DELETE FROM attempts WHERE run_id = ?1 AND seq IN (" + failedTail + " AND kind <> 'CHILD')")) {
            attempts.setString(1, write.runId());
            attempts.executeUpdate();
        }
        try (PreparedStatement steps = connection.prepareStatement(
                "DELETE FROM steps WHERE run_key = (SELECT run_key FROM runs WHERE id = ?1) AND kind <> 'CHILD' "
                        + "AND seq IN (" + failedTail + ")")) {
            steps.setString(1, write.runId());
            steps.executeUpdate();
        }
        try (PreparedStatement run = connection.prepareStatement("UPDATE runs SET status = 'PENDING', output = NULL, "
                + "output_type = NULL, error = NULL, ended_at = NULL, owner = NULL, lease_until = 0, wake_at = NULL, "
                + "waiting_for = NULL, cancel_requested = 0, updated_at = MAX(updated_at, ?1) "
                + "WHERE id = ?2 AND status = 'FAILED'")) {
            run.setLong(1, write.at());
            run.setString(2, write.runId());
            run.executeUpdate();
        }
        return RunStatus.FAILED;
    }

    /**
     * The failed child calls among the steps to run again whose child run FAILED: each child is
     * retried with its parent (from its own last checkpoint, under the same id, and so on down),
     * and the call is set back to RUNNING, so that the parent's replay awaits the child again and
     * the child's end completes the call as the first time.
     */
    private void retryFailedChildren(RetryRun write, String failedTail) throws SQLException {
        Map<Integer, String> children = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT s.seq, s.detail FROM steps s "
                + "JOIN runs c ON c.id = s.detail AND c.parent_run_id = ?1 AND c.status = 'FAILED' "
                + "WHERE s.run_key = (SELECT run_key FROM runs WHERE id = ?1) AND s.kind = 'CHILD' "
                + "AND s.seq IN (" + failedTail + ") ORDER BY s.seq")) {
            select.setString(1, write.runId());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    children.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        for (Map.Entry<Integer, String> child : children.entrySet()) {
            retryRun(new RetryRun(child.getValue(), write.at()));
            try (PreparedStatement rearm = connection.prepareStatement("UPDATE steps SET status = 'RUNNING', "
                    + "ended_at = NULL, output = NULL, output_type = NULL, error = NULL "
                    + "WHERE run_key = (SELECT run_key FROM runs WHERE id = ?1) AND seq = ?2")) {
                rearm.setString(1, write.runId());
                rearm.setInt(2, child.getKey());
                rearm.executeUpdate();
            }
        }
    }

    private Long insertSignal(InsertSignal write) throws SQLException {
        insertSignal.setString(1, write.signal().runId());
        insertSignal.setString(2, write.signal().name());
        insertSignal.setString(3, write.signal().payload());
        insertSignal.setLong(4, write.signal().receivedAt());
        long id;
        try (ResultSet rs = insertSignal.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        wakeRun.setLong(1, write.signal().receivedAt());
        wakeRun.setString(2, write.signal().runId());
        wakeRun.executeUpdate();
        return id;
    }

    private List<Claim> claimRuns(ClaimRuns write) throws SQLException {
        if (write.limit() < 1) {
            throw new IllegalArgumentException("ClaimRuns needs a limit of at least 1, was " + write.limit());
        }
        List<RunRow> due = ClaimQuery.select(selectClaimable, write);
        List<Claim> claims = new ArrayList<>(due.size());
        if (due.isEmpty()) {
            return claims;
        }
        for (RunRow run : due) {
            claim.setString(1, write.owner());
            claim.setLong(2, write.leaseUntil());
            claim.setString(3, run.id());
            claim.addBatch();
            claims.add(new Claim(Rows.withLease(run, write.owner(), write.leaseUntil()),
                    write.owner().equals(run.owner()), run.owner()));
        }
        claim.executeBatch();
        return claims;
    }

    private static String firstString(PreparedStatement query, String parameter) throws SQLException {
        query.setString(1, parameter);
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void rollback(Throwable failure) {
        for (PreparedStatement ps : List.of(upsertStep, insertAttempt, markRunning, markWaiting, finishRun, wakeRun,
                appendEvent, appendLog, consumeSignal, upsertWorker, deleteWorker, claim)) {
            try {
                ps.clearBatch();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls back by itself after some errors (a full disk, an I/O error); then
            // there is nothing left to roll back and this error says only that.
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * @param name a pragma's name (letters and underscores)
     * @return its value on this connection
     * @throws SQLException when it cannot be read
     */
    String pragma(String name) throws SQLException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        lock.lock();
        try (ResultSet rs = control.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection once the batch in progress, if any, has finished. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (connection) {
                // Lets SQLite refresh the statistics its query planner uses, as it recommends
                // doing before a long-lived connection closes.
                control.execute("PRAGMA optimize");
            } catch (SQLException ignored) {
                // Closing regardless: a failure here loses nothing.
            }
        } finally {
            lock.unlock();
        }
    }

    /** Where in a batch the writer is, for error messages. */
    private static final class Progress {
        private final List<Write> batch;
        private int at = -1;
        private boolean committing;

        Progress(List<Write> batch) {
            this.batch = batch;
        }

        String describe() {
            StringBuilder text = new StringBuilder("applying a batch of ").append(batch.size())
                    .append(batch.size() == 1 ? " write" : " writes");
            if (committing) {
                text.append(" (at commit)");
            } else if (at >= 0 && at < batch.size()) {
                Write write = batch.get(at);
                text.append(" (at write ").append(at + 1).append(", ").append(write.getClass().getSimpleName());
                if (write.runId() != null) {
                    text.append(" of run ").append(write.runId());
                }
                text.append(')');
            }
            return text.toString();
        }
    }
}
