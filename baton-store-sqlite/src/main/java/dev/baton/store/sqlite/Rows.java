package dev.baton.store.sqlite;

import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.WorkerRow;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The mapping between rows of the schema and the store's records, both ways: the column lists
 * that queries select, the readers of a {@link ResultSet}, and the binders of nullable values.
 * Columns are read by position, in the order of the lists below.
 */
final class Rows {
    static final String RUN_COLUMNS = "id, workflow, status, input, output, output_type, error, idempotency_key, "
            + "parent_run_id, parent_seq, owner, lease_until, wake_at, waiting_for, cancel_requested, created_at, "
            + "started_at, ended_at, updated_at, priority, logical_time, code_version";
    /** A step's columns as read, from {@code steps s JOIN runs r}. */
    static final String STEP_COLUMNS = "r.id, s.seq, s.name, s.kind, s.status, s.attempts, s.started_at, s.ended_at, "
            + "s.wake_at, s.output, s.output_type, s.error, s.detail";
    /** A step's columns as written; the first is the run's key, looked up from its id. */
    static final String STEP_INSERT_COLUMNS = "run_key, seq, name, kind, status, attempts, started_at, ended_at, "
            + "wake_at, output, output_type, error, detail";
    /** Steps with their run's id. */
    static final String STEPS_OF_RUNS = "steps s JOIN runs r ON r.run_key = s.run_key";
    static final String ATTEMPT_COLUMNS = "run_id, seq, attempt, started_at, ended_at, error, next_attempt_at";
    static final String EVENT_COLUMNS = "run_id, at, type, detail";
    static final String SIGNAL_COLUMNS = "id, run_id, name, payload, received_at, consumed_seq";
    static final String WORKER_COLUMNS = "id, host, pid, started_at, heartbeat_at";

    /** {@code status IN (...)} of the states a run can still leave. */
    static final String NOT_TERMINAL = "status IN ('PENDING', 'RUNNING', 'WAITING')";

    private Rows() {
    }

    static RunRow run(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getString(2), RunStatus.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10),
                rs.getString(11), rs.getLong(12), nullableLong(rs, 13), rs.getString(14), rs.getInt(15) != 0,
                rs.getLong(16), nullableLong(rs, 17), nullableLong(rs, 18), rs.getLong(19), rs.getInt(20),
                nullableLong(rs, 21), rs.getString(22));
    }

    static StepRow step(ResultSet rs) throws SQLException {
        return new StepRow(rs.getString(1), rs.getInt(2), rs.getString(3), StepKind.valueOf(rs.getString(4)),
                StepStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getLong(7), nullableLong(rs, 8),
                nullableLong(rs, 9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13));
    }

    static AttemptRow attempt(ResultSet rs) throws SQLException {
        return new AttemptRow(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), nullableLong(rs, 7));
    }

    static EventRow event(ResultSet rs) throws SQLException {
        return new EventRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
    }

    static SignalRow signal(ResultSet rs) throws SQLException {
        return new SignalRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                nullableInt(rs, 6));
    }

    static WorkerRow worker(ResultSet rs) throws SQLException {
        return new WorkerRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    /** @return a copy of the run held by {@code owner} until {@code leaseUntil} */
    static RunRow withLease(RunRow r, String owner, long leaseUntil) {
        return new RunRow(r.id(), r.workflow(), r.status(), r.input(), r.output(), r.outputType(), r.error(),
                r.idempotencyKey(), r.parentRunId(), r.parentSeq(), owner, leaseUntil, r.wakeAt(), r.waitingFor(),
                r.cancelRequested(), r.createdAt(), r.startedAt(), r.endedAt(), r.updatedAt(), r.priority(),
                r.logicalTime(), r.codeVersion());
    }

    /** Binds a run's columns in the order of {@link #RUN_COLUMNS}, from parameter 1. */
    static void bindRun(PreparedStatement ps, RunRow r) throws SQLException {
        ps.setString(1, r.id());
        ps.setString(2, r.workflow());
        ps.setString(3, r.status() == null ? null : r.status().name());
        ps.setString(4, r.input());
        ps.setString(5, r.output());
        ps.setString(6, r.outputType());
        ps.setString(7, r.error());
        ps.setString(8, r.idempotencyKey());
        ps.setString(9, r.parentRunId());
        ps.setInt(10, r.parentSeq());
        ps.setString(11, r.owner());
        ps.setLong(12, r.leaseUntil());
        setLong(ps, 13, r.wakeAt());
        ps.setString(14, r.waitingFor());
        ps.setInt(15, r.cancelRequested() ? 1 : 0);
        ps.setLong(16, r.createdAt());
        setLong(ps, 17, r.startedAt());
        setLong(ps, 18, r.endedAt());
        ps.setLong(19, r.updatedAt());
        ps.setInt(20, r.priority());
        setLong(ps, 21, r.logicalTime());
        ps.setString(22, r.codeVersion());
    }

    /** Binds a step's columns in the order of {@link #STEP_COLUMNS}, from parameter 1. */
    static void bindStep(PreparedStatement ps, StepRow s) throws SQLException {
        ps.setString(1, s.runId());
        ps.setInt(2, s.seq());
        ps.setString(3, s.name());
        ps.setString(4, s.kind() == null ? null : s.kind().name());
        ps.setString(5, s.status() == null ? null : s.status().name());
        ps.setInt(6, s.attempts());
        ps.setLong(7, s.startedAt());
        setLong(ps, 8, s.endedAt());
        setLong(ps, 9, s.wakeAt());
        ps.setString(10, s.output());
        ps.setString(11, s.outputType());
        ps.setString(12, s.error());
        ps.setString(13, s.detail());
    }

    /** Binds an attempt's columns in the order of {@link #ATTEMPT_COLUMNS}, from parameter 1. */
    static void bindAttempt(PreparedStatement ps, AttemptRow a) throws SQLException {
        ps.setString(1, a.runId());
        ps.setInt(2, a.seq());
        ps.setInt(3, a.attempt());
        ps.setLong(4, a.startedAt());
        ps.setLong(5, a.endedAt());
        ps.setString(6, a.error());
        setLong(ps, 7, a.nextAttemptAt());
    }

    static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
