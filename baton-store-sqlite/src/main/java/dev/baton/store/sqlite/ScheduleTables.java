package dev.baton.store.sqlite;

import dev.baton.engine.store.CreateResult;
import dev.baton.engine.store.FireRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.ScheduleRow;
import dev.baton.engine.store.Write.RecordFire;
import dev.baton.engine.store.Write.RegisterSchedule;
import dev.baton.engine.store.Write.SetSchedulePaused;
import dev.baton.engine.store.Write.StartBufferedFire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules and their fires on the write connection, plus the reads of them. Called inside the
 * writer's transaction, so recording a fire and creating its run are one atomic step across
 * processes: the fire's primary key lets only the first of two workers record it.
 */
final class ScheduleTables {
    static final String SCHEDULE_COLUMNS = "workflow, schedule_id, paused, last_handled, buffered, registered_at";
    static final String FIRE_COLUMNS = "workflow, schedule_id, logical_time, due_at, recorded_at, run_id, outcome, reason";

    /** Creates a run as the writer's CreateRun does, so that the id and idempotency key rules stay in one place. */
    @FunctionalInterface
    interface RunCreator {
        CreateResult create(RunRow run) throws SQLException;
    }

    private final PreparedStatement register;
    private final PreparedStatement insertFire;
    private final PreparedStatement advance;
    private final PreparedStatement skipHeld;
    private final PreparedStatement hold;
    private final PreparedStatement startHeld;
    private final PreparedStatement clearHeld;
    private final PreparedStatement setPaused;
    private final RunCreator runs;

    ScheduleTables(Connection connection, RunCreator runs) throws SQLException {
        this.runs = runs;
        register = connection.prepareStatement("INSERT INTO schedules (" + SCHEDULE_COLUMNS + ") "
                + "VALUES (?, ?, 0, NULL, NULL, ?) ON CONFLICT (workflow, schedule_id) DO NOTHING");
        insertFire = connection.prepareStatement("INSERT INTO schedule_fires (" + FIRE_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow, schedule_id, logical_time) DO NOTHING");
        // A schedule recorded before it was registered here still gets a row, so its last fire is known.
        advance = connection.prepareStatement("INSERT INTO schedules (" + SCHEDULE_COLUMNS + ") "
                + "VALUES (?1, ?2, 0, ?3, NULL, ?4) ON CONFLICT (workflow, schedule_id) DO UPDATE SET "
                + "last_handled = MAX(COALESCE(last_handled, excluded.last_handled), excluded.last_handled)");
        skipHeld = connection.prepareStatement("UPDATE schedule_fires SET outcome = 'SKIPPED', reason = ?4 "
                + "WHERE workflow = ?1 AND schedule_id = ?2 AND outcome = 'BUFFERED' AND logical_time <> ?3");
        hold = connection.prepareStatement("UPDATE schedules SET buffered = ?3 WHERE workflow = ?1 AND schedule_id = ?2");
        startHeld = connection.prepareStatement("UPDATE schedule_fires SET outcome = 'STARTED', run_id = ?4, "
                + "recorded_at = ?5 WHERE workflow = ?1 AND schedule_id = ?2 AND logical_time = ?3 AND outcome = 'BUFFERED'");
        clearHeld = connection.prepareStatement("UPDATE schedules SET buffered = NULL "
                + "WHERE workflow = ?1 AND schedule_id = ?2 AND buffered = ?3");
        setPaused = connection.prepareStatement("UPDATE schedules SET paused = ?3 WHERE workflow = ?1 AND schedule_id = ?2");
    }

    boolean register(RegisterSchedule w) throws SQLException {
        register.setString(1, w.workflow());
        register.setString(2, w.scheduleId());
        register.setLong(3, w.at());
        return register.executeUpdate() == 1;
    }

    boolean record(RecordFire w) throws SQLException {
        FireRow fire = w.fire();
        insertFire.setString(1, fire.workflow());
        insertFire.setString(2, fire.scheduleId());
        insertFire.setLong(3, fire.logicalTime());
        insertFire.setLong(4, fire.dueAt());
        insertFire.setLong(5, fire.recordedAt());
        insertFire.setString(6, fire.runId());
        insertFire.setString(7, fire.outcome());
        insertFire.setString(8, fire.reason());
        if (insertFire.executeUpdate() == 0) {
            return false; // another worker recorded this fire first
        }
        if (w.run() != null) {
            runs.create(w.run());
        }
        advance.setString(1, fire.workflow());
        advance.setString(2, fire.scheduleId());
        advance.setLong(3, fire.logicalTime());
        advance.setLong(4, fire.recordedAt());
        advance.executeUpdate();
        if ("BUFFERED".equals(fire.outcome())) {
            skip(fire, "replaced by held fire " + java.time.Instant.ofEpochMilli(fire.logicalTime()));
            setHeld(fire.workflow(), fire.scheduleId(), fire.logicalTime());
        } else if (w.dropBuffered()) {
            skip(fire, "dropped when fire " + java.time.Instant.ofEpochMilli(fire.logicalTime())
                    + " cancelled the previous run (overlap CANCEL_PREVIOUS)");
            setHeld(fire.workflow(), fire.scheduleId(), null);
        }
        return true;
    }

    boolean startHeld(StartBufferedFire w) throws SQLException {
        startHeld.setString(1, w.workflow());
        startHeld.setString(2, w.scheduleId());
        startHeld.setLong(3, w.logicalTime());
        startHeld.setString(4, w.run().id());
        startHeld.setLong(5, w.at());
        boolean started = startHeld.executeUpdate() == 1;
        if (started) {
            runs.create(w.run());
        }
        clearHeld.setString(1, w.workflow());
        clearHeld.setString(2, w.scheduleId());
        clearHeld.setLong(3, w.logicalTime());
        clearHeld.executeUpdate();
        return started;
    }

    boolean setPaused(SetSchedulePaused w) throws SQLException {
        setPaused.setString(1, w.workflow());
        setPaused.setString(2, w.scheduleId());
        setPaused.setInt(3, w.paused() ? 1 : 0);
        return setPaused.executeUpdate() == 1;
    }

    private void skip(FireRow fire, String reason) throws SQLException {
        skipHeld.setString(1, fire.workflow());
        skipHeld.setString(2, fire.scheduleId());
        skipHeld.setLong(3, fire.logicalTime());
        skipHeld.setString(4, reason);
        skipHeld.executeUpdate();
    }

    private void setHeld(String workflow, String scheduleId, Long logicalTime) throws SQLException {
        hold.setString(1, workflow);
        hold.setString(2, scheduleId);
        Rows.setLong(hold, 3, logicalTime);
        hold.executeUpdate();
    }

    // ---- reads, on a pooled read connection ----

    static Optional<ScheduleRow> schedule(ReadPool.Reader r, String workflow, String scheduleId) throws SQLException {
        PreparedStatement ps = r.prepare("SELECT " + SCHEDULE_COLUMNS + " FROM schedules WHERE workflow = ? AND schedule_id = ?");
        ps.setString(1, workflow);
        ps.setString(2, scheduleId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new ScheduleRow(rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                    Rows.nullableLong(rs, 4), Rows.nullableLong(rs, 5), rs.getLong(6))) : Optional.empty();
        }
    }

    /**
     * Schedules are read a chunk at a time, each chunk one query with a fixed number of
     * parameters (the last chunk repeats its last id), so that one prepared statement serves all.
     */
    private static final int READ_CHUNK = 256;

    static Map<String, ScheduleRow> schedules(ReadPool.Reader r, String workflow, Collection<String> scheduleIds)
            throws SQLException {
        Map<String, ScheduleRow> rows = new HashMap<>();
        PreparedStatement ps = r.prepare("SELECT " + SCHEDULE_COLUMNS + " FROM schedules WHERE workflow = ? "
                + "AND schedule_id IN (" + placeholders() + ")");
        for (List<String> chunk : chunks(scheduleIds)) {
            bindChunk(ps, workflow, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(2), new ScheduleRow(rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                            Rows.nullableLong(rs, 4), Rows.nullableLong(rs, 5), rs.getLong(6)));
                }
            }
        }
        return rows;
    }

    static Map<String, List<String>> unfinishedRuns(ReadPool.Reader r, String workflow, Collection<String> scheduleIds)
            throws SQLException {
        Map<String, List<String>> runs = new HashMap<>();
        PreparedStatement ps = r.prepare("SELECT f.schedule_id, f.run_id FROM schedule_fires f JOIN runs ON runs.id = f.run_id "
                + "WHERE f.workflow = ? AND f.schedule_id IN (" + placeholders() + ") AND f.outcome = 'STARTED' AND runs."
                + Rows.NOT_TERMINAL + " ORDER BY f.schedule_id, f.logical_time");
        for (List<String> chunk : chunks(scheduleIds)) {
            bindChunk(ps, workflow, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return runs;
    }

    private static final String PLACEHOLDERS = String.join(", ", java.util.Collections.nCopies(READ_CHUNK, "?"));

    private static String placeholders() {
        return PLACEHOLDERS;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += READ_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + READ_CHUNK)));
        }
        return chunks;
    }

    private static void bindChunk(PreparedStatement ps, String workflow, List<String> chunk) throws SQLException {
        ps.setString(1, workflow);
        for (int i = 0; i < READ_CHUNK; i++) {
            ps.setString(i + 2, chunk.get(Math.min(i, chunk.size() - 1)));
        }
    }

    static List<FireRow> fires(ReadPool.Reader r, String workflow, String scheduleId, int limit) throws SQLException {
        PreparedStatement ps = r.prepare("SELECT " + FIRE_COLUMNS + " FROM schedule_fires "
                + "WHERE workflow = ? AND schedule_id = ? ORDER BY logical_time DESC LIMIT ?");
        ps.setString(1, workflow);
        ps.setString(2, scheduleId);
        ps.setInt(3, limit);
        List<FireRow> fires = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                fires.add(new FireRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return fires;
    }

    static List<String> unfinishedRuns(ReadPool.Reader r, String workflow, String scheduleId) throws SQLException {
        PreparedStatement ps = r.prepare("SELECT f.run_id FROM schedule_fires f JOIN runs ON runs.id = f.run_id "
                + "WHERE f.workflow = ? AND f.schedule_id = ? AND f.outcome = 'STARTED' AND runs."
                + Rows.NOT_TERMINAL + " ORDER BY f.logical_time");
        ps.setString(1, workflow);
        ps.setString(2, scheduleId);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
