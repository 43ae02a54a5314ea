package dev.baton.store.sqlite;

import dev.baton.engine.store.AlertChange;
import dev.baton.engine.store.AlertCursor;
import dev.baton.engine.store.DeliveryAttemptRow;
import dev.baton.engine.store.DeliveryRow;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.IncidentRow;
import dev.baton.engine.store.NumberedEvent;
import dev.baton.engine.store.Write.ClaimAlertEvaluator;
import dev.baton.engine.store.Write.ClaimDeliveries;
import dev.baton.engine.store.Write.RecordAlertPass;
import dev.baton.engine.store.Write.RecordDeliveryAttempt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert tables (schema version 9): the evaluator's lease and cursor, incidents, deliveries
 * and their attempts, and marks. Written by the writer inside its transactions (each write's
 * check and change in one of them), read by any connection.
 */
final class AlertTables {
    static final String INCIDENT_COLUMNS = "id, dedup_key, workflow, cause, status, count, notified_count, first_at, "
            + "last_at, notified_at, resolved_at, run_id, summary";
    static final String DELIVERY_COLUMNS = "id, incident_id, channel, action, message, status, attempts, "
            + "next_attempt_at, last_result, created_at, updated_at";

    private final Connection connection;

    AlertTables(Connection connection) {
        this.connection = connection;
    }

    AlertCursor claimEvaluator(ClaimAlertEvaluator w) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO alert_evaluator "
                + "(id, owner, lease_until, event_id, checked_at, since) "
                + "SELECT 1, NULL, 0, COALESCE(MAX(id), 0), ?1, ?1 FROM events WHERE true ON CONFLICT (id) DO NOTHING")) {
            ps.setLong(1, w.now());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE alert_evaluator SET owner = ?1, lease_until = ?2 "
                + "WHERE id = 1 AND (owner IS NULL OR owner = ?1 OR lease_until < ?3 OR owner = ?4)")) {
            ps.setString(1, w.owner());
            ps.setLong(2, w.leaseUntil());
            ps.setLong(3, w.now());
            ps.setString(4, w.takeOverFrom());
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT event_id, checked_at, since FROM alert_evaluator WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new AlertCursor(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    boolean recordPass(RecordAlertPass w) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE alert_evaluator SET event_id = ?1, "
                + "checked_at = MAX(checked_at, ?2) WHERE id = 1 AND owner = ?3 AND event_id = ?4")) {
            ps.setLong(1, w.toEventId());
            ps.setLong(2, w.checkedAt());
            ps.setString(3, w.owner());
            ps.setLong(4, w.fromEventId());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        for (AlertChange change : w.changes()) {
            switch (change) {
                case AlertChange.Open open -> {
                    Long id = openIncident(open.incident());
                    if (id != null) {
                        queue(id, open.deliveries());
                    }
                }
                case AlertChange.Update update -> {
                    if (updateIncident(update.incident())) {
                        queue(update.incident().id(), update.deliveries());
                    }
                }
                case AlertChange.Mark mark -> {
                    try (PreparedStatement ps = connection.prepareStatement(
                            "INSERT INTO alert_marks (subject, at) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING")) {
                        ps.setString(1, mark.subject());
                        ps.setLong(2, mark.at());
                        ps.executeUpdate();
                    }
                }
                case AlertChange.ForgetMarks forget -> forgetMarks(forget);
            }
        }
        return true;
    }

    private void forgetMarks(AlertChange.ForgetMarks w) throws SQLException {
        // substr(subject, 10) is the run id of a 'deadline:<run id>' mark.
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM alert_marks WHERE subject IN ("
                + "SELECT subject FROM alert_marks m WHERE m.at < ? AND NOT (m.subject LIKE 'deadline:%' AND EXISTS ("
                + "SELECT 1 FROM runs r WHERE r.id = substr(m.subject, 10) AND r.status IN ('PENDING', 'RUNNING', 'WAITING'))) "
                + "LIMIT ?)")) {
            ps.setLong(1, w.before());
            ps.setInt(2, Math.max(1, w.limit()));
            ps.executeUpdate();
        }
    }

    private Long openIncident(IncidentRow i) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO alert_incidents (dedup_key, workflow, cause, "
                + "status, count, notified_count, first_at, last_at, notified_at, resolved_at, run_id, summary) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id")) {
            ps.setString(1, i.dedupKey());
            ps.setString(2, i.workflow());
            ps.setString(3, i.cause());
            ps.setString(4, i.open() ? "OPEN" : "RESOLVED");
            ps.setInt(5, i.count());
            ps.setInt(6, i.notifiedCount());
            ps.setLong(7, i.firstAt());
            ps.setLong(8, i.lastAt());
            ps.setLong(9, i.notifiedAt());
            Rows.setLong(ps, 10, i.resolvedAt());
            ps.setString(11, i.runId());
            ps.setString(12, i.summary());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private boolean updateIncident(IncidentRow i) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE alert_incidents SET status = ?, count = ?, "
                + "notified_count = ?, last_at = ?, notified_at = ?, resolved_at = ?, run_id = ?, summary = ? "
                + "WHERE id = ? AND status = 'OPEN'")) {
            ps.setString(1, i.status());
            ps.setInt(2, i.count());
            ps.setInt(3, i.notifiedCount());
            ps.setLong(4, i.lastAt());
            ps.setLong(5, i.notifiedAt());
            Rows.setLong(ps, 6, i.resolvedAt());
            ps.setString(7, i.runId());
            ps.setString(8, i.summary());
            ps.setLong(9, i.id());
            return ps.executeUpdate() == 1;
        }
    }

    private void queue(long incidentId, List<DeliveryRow> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO alert_deliveries (incident_id, channel, "
                + "action, message, status, attempts, next_attempt_at, last_result, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'PENDING', 0, ?, NULL, ?, ?)")) {
            for (DeliveryRow d : deliveries) {
                ps.setLong(1, incidentId);
                ps.setString(2, d.channel());
                ps.setString(3, d.action());
                ps.setString(4, d.message());
                Rows.setLong(ps, 5, d.nextAttemptAt() == null ? d.createdAt() : d.nextAttemptAt());
                ps.setLong(6, d.createdAt());
                ps.setLong(7, d.updatedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<DeliveryRow> claimDeliveries(ClaimDeliveries w) throws SQLException {
        List<DeliveryRow> due = new ArrayList<>();
        // A channel is told of an incident in order (a PagerDuty resolve never overtakes its
        // trigger): a delivery waits while an older one of its incident and channel is pending.
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM alert_deliveries d "
                + "WHERE status = 'PENDING' AND next_attempt_at <= ?1 AND (owner IS NULL OR lease_until < ?1) "
                + "AND NOT EXISTS (SELECT 1 FROM alert_deliveries e WHERE e.incident_id = d.incident_id "
                + "AND e.channel = d.channel AND e.status = 'PENDING' AND e.id < d.id) "
                + "ORDER BY next_attempt_at, id LIMIT ?2")) {
            ps.setLong(1, w.now());
            ps.setInt(2, Math.max(1, w.limit()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(delivery(rs));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE alert_deliveries SET owner = ?, lease_until = ? WHERE id = ?")) {
            for (DeliveryRow d : due) {
                ps.setString(1, w.owner());
                ps.setLong(2, w.leaseUntil());
                ps.setLong(3, d.id());
                ps.addBatch();
            }
            if (!due.isEmpty()) {
                ps.executeBatch();
            }
        }
        return due;
    }

    boolean recordAttempt(RecordDeliveryAttempt w) throws SQLException {
        DeliveryAttemptRow a = w.attempt();
        try (PreparedStatement ps = connection.prepareStatement("UPDATE alert_deliveries SET status = ?, attempts = ?, "
                + "next_attempt_at = ?, last_result = ?, updated_at = ?, owner = NULL, lease_until = 0 "
                + "WHERE id = ? AND owner = ? AND status = 'PENDING'")) {
            ps.setString(1, w.status());
            ps.setInt(2, a.attempt());
            Rows.setLong(ps, 3, a.nextAttemptAt());
            ps.setString(4, a.result());
            ps.setLong(5, a.at());
            ps.setLong(6, a.deliveryId());
            ps.setString(7, w.owner());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO alert_delivery_attempts (delivery_id, "
                + "attempt, at, ok, result, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (delivery_id, attempt) DO NOTHING")) {
            ps.setLong(1, a.deliveryId());
            ps.setInt(2, a.attempt());
            ps.setLong(3, a.at());
            ps.setInt(4, a.ok() ? 1 : 0);
            ps.setString(5, a.result());
            Rows.setLong(ps, 6, a.nextAttemptAt());
            ps.executeUpdate();
        }
        return true;
    }

    // ---- reads ----

    static List<NumberedEvent> eventsAfter(ReadPool.Reader r, long afterId, Collection<String> types, int limit)
            throws SQLException {
        if (types.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(types.size(), "?"));
        PreparedStatement ps = r.prepare("SELECT id, run_id, at, type, detail FROM events WHERE id > ? AND type IN ("
                + marks + ") ORDER BY id LIMIT ?");
        int n = 1;
        ps.setLong(n++, afterId);
        for (String type : types) {
            ps.setString(n++, type);
        }
        ps.setInt(n, Math.max(0, limit));
        List<NumberedEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new NumberedEvent(rs.getLong(1),
                        new EventRow(rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5))));
            }
        }
        return events;
    }

    static List<IncidentRow> incidents(ReadPool.Reader r, String where, int limit) throws SQLException {
        PreparedStatement ps = r.prepare("SELECT " + INCIDENT_COLUMNS + " FROM alert_incidents " + where + " LIMIT ?");
        ps.setInt(1, Math.max(0, limit));
        List<IncidentRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new IncidentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        Rows.nullableLong(rs, 11), rs.getString(12), rs.getString(13)));
            }
        }
        return rows;
    }

    static List<DeliveryRow> deliveries(ReadPool.Reader r, Collection<Long> incidentIds) throws SQLException {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(incidentIds.size(), "?"));
        PreparedStatement ps = r.prepare("SELECT " + DELIVERY_COLUMNS + " FROM alert_deliveries WHERE incident_id IN ("
                + marks + ") ORDER BY incident_id, id");
        int n = 1;
        for (Long id : incidentIds) {
            ps.setLong(n++, id);
        }
        List<DeliveryRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(delivery(rs));
            }
        }
        return rows;
    }

    static List<DeliveryAttemptRow> attempts(ReadPool.Reader r, long deliveryId) throws SQLException {
        PreparedStatement ps = r.prepare("SELECT delivery_id, attempt, at, ok, result, next_attempt_at "
                + "FROM alert_delivery_attempts WHERE delivery_id = ? ORDER BY attempt");
        ps.setLong(1, deliveryId);
        List<DeliveryAttemptRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new DeliveryAttemptRow(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4) == 1,
                        rs.getString(5), Rows.nullableLong(rs, 6)));
            }
        }
        return rows;
    }

    static Set<String> marks(ReadPool.Reader r, Collection<String> subjects) throws SQLException {
        Set<String> marked = new HashSet<>();
        PreparedStatement ps = r.prepare("SELECT 1 FROM alert_marks WHERE subject = ?");
        for (String subject : subjects) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    marked.add(subject);
                }
            }
        }
        return marked;
    }

    private static DeliveryRow delivery(ResultSet rs) throws SQLException {
        return new DeliveryRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), Rows.nullableLong(rs, 8), rs.getString(9), rs.getLong(10), rs.getLong(11));
    }
}
