package dev.baton.store.sqlite;

import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.DeliveryAttemptRow;
import dev.baton.engine.store.DeliveryRow;
import dev.baton.engine.store.IncidentRow;
import dev.baton.engine.store.NumberedEvent;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.LockHolder;
import dev.baton.engine.store.LockWaiter;
import dev.baton.engine.store.LogRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.FireRow;
import dev.baton.engine.store.ScheduleRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.WorkerRow;
import dev.baton.engine.store.Write;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Store} in one SQLite file, in WAL mode: one write connection that applies batches
 * (see {@link SqliteWriter}), and a small pool of read-only connections that read beside it. Any
 * number of processes may open the same file; SQLite's file locks let one of them write at a
 * time, and each batch takes the write lock for its whole transaction.
 *
 * <p>Opening creates the file and its folders when missing, and migrates the schema. It refuses,
 * with a {@link StoreException} that says what to do, a file that is not an SQLite database, a
 * database of another program, a store written by a newer Baton, and a file or folder it may not
 * write. Options are described in {@link SqliteOptions}.
 */
public final class SqliteStore implements Store {
    private final Path file;
    private final SqliteErrors errors;
    private final SqliteWriter writer;
    private final ReadPool readers;
    private final SqliteAccessStore access;

    SqliteStore(Path file, SqliteErrors errors, SqliteWriter writer, ReadPool readers) {
        this.file = file;
        this.errors = errors;
        this.writer = writer;
        this.readers = readers;
        this.access = new SqliteAccessStore(String.valueOf(file), writer, readers, errors);
    }

    /**
     * Opens (creating when missing) the store described by {@code config}.
     *
     * @param config the configuration; its location is the database file
     * @return the open store, its schema current
     * @throws StoreException when the file cannot be used, with the reason and what to do
     */
    public static SqliteStore open(StoreConfig config) {
        return SqliteOpener.open(config);
    }

    /**
     * Opens an existing store to read it only: nothing is created, migrated or written (every
     * connection is read-only), and {@link #apply} fails. For commands that must leave their
     * target as it is, such as {@code baton plan}.
     *
     * @param file the store's file
     * @return the store, read-only
     * @throws StoreException when the file is missing, not a Baton store, or written by a newer Baton
     */
    public static SqliteStore openReadOnly(Path file) {
        return SqliteReadOnlyOpener.open(file);
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    @Override
    public List<Object> apply(List<Write> batch) {
        if (writer == null) {
            throw new StoreException("The store " + file + " was opened read-only; nothing was written.", null);
        }
        return writer.apply(batch);
    }

    /**
     * @param name a pragma, e.g. {@code journal_mode}
     * @return its value on the write connection, for diagnostics
     */
    String pragma(String name) {
        try {
            return writer.pragma(name);
        } catch (SQLException e) {
            throw errors.translate("reading PRAGMA " + name, e);
        }
    }

    @Override
    public Optional<RunRow> findRun(String runId) {
        return read("reading run " + runId, r -> one(r.prepare("SELECT " + Rows.RUN_COLUMNS
                + " FROM runs WHERE id = ?"), runId));
    }

    @Override
    public Optional<RunRow> findRunByIdempotencyKey(String key) {
        return read("looking up an idempotency key", r -> one(r.prepare("SELECT " + Rows.RUN_COLUMNS
                + " FROM runs WHERE idempotency_key = ?"), key));
    }

    @Override
    public List<RunRow> listRuns(RunQuery query) {
        // Only the filters in use appear in the SQL, so that SQLite can pick an index for them.
        StringBuilder sql = new StringBuilder("SELECT ").append(Rows.RUN_COLUMNS).append(" FROM runs WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.workflow() != null) {
            sql.append(" AND workflow = ?");
            parameters.add(query.workflow());
        }
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (");
            String separator = "";
            for (RunStatus status : EnumSet.copyOf(query.statuses())) {
                sql.append(separator).append('?');
                separator = ", ";
                parameters.add(status.name());
            }
            sql.append(')');
        }
        if (query.createdAfter() != null) {
            sql.append(" AND created_at >= ?");
            parameters.add(query.createdAfter().toEpochMilli());
        }
        if (query.createdBefore() != null) {
            sql.append(" AND created_at < ?");
            parameters.add(query.createdBefore().toEpochMilli());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        parameters.add(query.limit());
        parameters.add(query.offset());
        return read("listing runs", r -> {
            PreparedStatement ps = r.prepare(sql.toString());
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            List<RunRow> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(Rows.run(rs));
                }
            }
            return runs;
        });
    }

    @Override
    public List<StepRow> steps(String runId) {
        return read("reading the steps of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.STEP_COLUMNS + " FROM " + Rows.STEPS_OF_RUNS
                    + " WHERE r.id = ? ORDER BY s.seq");
            ps.setString(1, runId);
            List<StepRow> steps = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(Rows.step(rs));
                }
            }
            return steps;
        });
    }

    @Override
    public Optional<StepRow> step(String runId, int seq) {
        return read("reading step " + seq + " of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.STEP_COLUMNS + " FROM " + Rows.STEPS_OF_RUNS
                    + " WHERE r.id = ? AND s.seq = ?");
            ps.setString(1, runId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.step(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<AttemptRow> attempts(String runId) {
        return read("reading the attempts of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.ATTEMPT_COLUMNS
                    + " FROM attempts WHERE run_id = ? ORDER BY seq, attempt");
            ps.setString(1, runId);
            List<AttemptRow> attempts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.add(Rows.attempt(rs));
                }
            }
            return attempts;
        });
    }

    @Override
    public List<EventRow> events(String runId) {
        return read("reading the timeline of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.EVENT_COLUMNS
                    + " FROM events WHERE run_id = ? ORDER BY at, id");
            ps.setString(1, runId);
            List<EventRow> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(Rows.event(rs));
                }
            }
            return events;
        });
    }

    @Override
    public List<LogRow> logs(String runId, long afterId, int limit) {
        return read("reading the logs of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT id, run_id, seq, attempt, at, stream, line FROM step_logs "
                    + "WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?");
            ps.setString(1, runId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<LogRow> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new LogRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
            return lines;
        });
    }

    @Override
    public List<LockHolder> lockHolders(String lock) {
        return read("reading the holders of lock " + lock, r -> {
            PreparedStatement ps = r.prepare("SELECT " + LockTables.HOLDER_COLUMNS
                    + " FROM lock_holders WHERE lock = ? ORDER BY acquired_at, token");
            ps.setString(1, lock);
            List<LockHolder> holders = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(new LockHolder(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)));
                }
            }
            return holders;
        });
    }

    @Override
    public List<LockWaiter> lockWaiters(String lock) {
        return read("reading the line of lock " + lock, r -> {
            PreparedStatement ps = r.prepare("SELECT " + LockTables.WAITER_COLUMNS + " FROM lock_waiters WHERE lock = ?"
                    + LockTables.WAITERS_IN_ORDER);
            ps.setString(1, lock);
            List<LockWaiter> waiters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiters.add(new LockWaiter(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5)));
                }
            }
            return waiters;
        });
    }

    @Override
    public List<SignalRow> signals(String runId) {
        return read("reading the signals of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.SIGNAL_COLUMNS + " FROM signals WHERE run_id = ? ORDER BY id");
            ps.setString(1, runId);
            List<SignalRow> signals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    signals.add(Rows.signal(rs));
                }
            }
            return signals;
        });
    }

    @Override
    public Optional<SignalRow> nextSignal(String runId, String name) {
        return read("reading the signals of run " + runId, r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.SIGNAL_COLUMNS + " FROM signals "
                    + "WHERE run_id = ? AND name = ? AND consumed_seq IS NULL ORDER BY id LIMIT 1");
            ps.setString(1, runId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.signal(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<String> activeChildren(String parentRunId) {
        return strings("reading the children of run " + parentRunId, "SELECT id FROM runs "
                + "WHERE parent_run_id = ? AND " + Rows.NOT_TERMINAL + " ORDER BY created_at, id", parentRunId);
    }

    @Override
    public List<String> cancelRequested(String owner) {
        return strings("reading cancellation requests", "SELECT id FROM runs "
                + "WHERE owner = ? AND cancel_requested = 1 AND " + Rows.NOT_TERMINAL + " ORDER BY id", owner);
    }

    @Override
    public Optional<Long> nextWakeAt() {
        return read("reading the next wake-up time", r -> {
            PreparedStatement ps = r.prepare("SELECT wake_at FROM runs "
                    + "WHERE status = 'WAITING' AND wake_at IS NOT NULL ORDER BY wake_at LIMIT 1");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    @Override
    public List<String> owners() {
        return strings("reading the owners of runs", "SELECT DISTINCT owner FROM runs "
                + "WHERE owner IS NOT NULL AND " + Rows.NOT_TERMINAL + " ORDER BY owner", null);
    }

    @Override
    public Optional<ScheduleRow> schedule(String workflow, String scheduleId) {
        return read("reading schedule '" + scheduleId + "' of " + workflow,
                r -> ScheduleTables.schedule(r, workflow, scheduleId));
    }

    @Override
    public List<FireRow> fires(String workflow, String scheduleId, int limit) {
        return read("reading the fires of schedule '" + scheduleId + "' of " + workflow,
                r -> ScheduleTables.fires(r, workflow, scheduleId, limit));
    }

    @Override
    public List<String> unfinishedScheduleRuns(String workflow, String scheduleId) {
        return read("reading the runs of schedule '" + scheduleId + "' of " + workflow,
                r -> ScheduleTables.unfinishedRuns(r, workflow, scheduleId));
    }

    @Override
    public List<DeploymentRow> deployments(int limit) {
        return read("reading the deploy history", r -> DeploymentTables.list(r, limit));
    }

    @Override
    public Map<String, ScheduleRow> schedules(String workflow, Collection<String> scheduleIds) {
        return read("reading " + scheduleIds.size() + " schedules of " + workflow,
                r -> ScheduleTables.schedules(r, workflow, scheduleIds));
    }

    @Override
    public Map<String, List<String>> unfinishedScheduleRuns(String workflow, Collection<String> scheduleIds) {
        return read("reading the runs of " + scheduleIds.size() + " schedules of " + workflow,
                r -> ScheduleTables.unfinishedRuns(r, workflow, scheduleIds));
    }

    @Override
    public dev.baton.engine.store.AccessStore access() {
        return access;
    }

    @Override
    public List<NumberedEvent> eventsAfter(long afterId, Collection<String> types, int limit) {
        return read("reading the timeline after entry " + afterId, r -> AlertTables.eventsAfter(r, afterId, types, limit));
    }

    @Override
    public List<IncidentRow> openIncidents() {
        return read("reading the open alert incidents",
                r -> AlertTables.incidents(r, "WHERE status = 'OPEN' ORDER BY id", Integer.MAX_VALUE));
    }

    @Override
    public List<IncidentRow> incidents(int limit) {
        return read("reading the alert incidents", r -> AlertTables.incidents(r, "ORDER BY id DESC", limit));
    }

    @Override
    public List<DeliveryRow> deliveries(Collection<Long> incidentIds) {
        return read("reading the alert deliveries", r -> AlertTables.deliveries(r, incidentIds));
    }

    @Override
    public List<DeliveryAttemptRow> deliveryAttempts(long deliveryId) {
        return read("reading the attempts of alert delivery " + deliveryId, r -> AlertTables.attempts(r, deliveryId));
    }

    @Override
    public Optional<String> alertEvaluatorOwner() {
        return read("reading the alert evaluator's owner", r -> {
            try (ResultSet rs = r.prepare("SELECT owner FROM alert_evaluator WHERE id = 1").executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    @Override
    public Optional<Long> nextAlertDeliveryAt() {
        return read("reading when the next alert delivery is due", r -> {
            try (ResultSet rs = r.prepare("SELECT MIN(next_attempt_at) FROM alert_deliveries WHERE status = 'PENDING'")
                    .executeQuery()) {
                return rs.next() ? Optional.ofNullable(Rows.nullableLong(rs, 1)) : Optional.<Long>empty();
            }
        });
    }

    @Override
    public java.util.Set<String> alertMarks(Collection<String> subjects) {
        return read("reading alert marks", r -> AlertTables.marks(r, subjects));
    }

    @Override
    public List<WorkerRow> workers() {
        return read("reading the workers", r -> {
            PreparedStatement ps = r.prepare("SELECT " + Rows.WORKER_COLUMNS + " FROM workers ORDER BY id");
            List<WorkerRow> workers = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    workers.add(Rows.worker(rs));
                }
            }
            return workers;
        });
    }

    @Override
    public void close() {
        readers.close();
        if (writer != null) {
            writer.close();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    private <T> T read(String doing, ReadPool.Read<T> read) {
        try {
            return readers.read(read);
        } catch (SQLException e) {
            throw errors.translate(doing, e);
        }
    }

    private List<String> strings(String doing, String sql, String parameter) {
        return read(doing, r -> {
            PreparedStatement ps = r.prepare(sql);
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        });
    }

    private static Optional<RunRow> one(PreparedStatement ps, String parameter) throws SQLException {
        ps.setString(1, parameter);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Rows.run(rs)) : Optional.empty();
        }
    }
}
