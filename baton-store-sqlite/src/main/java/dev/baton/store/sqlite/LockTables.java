package dev.baton.store.sqlite;

import dev.baton.engine.store.LockGrant;
import dev.baton.engine.store.LockHolder;
import dev.baton.engine.store.Write.AcquireLock;
import dev.baton.engine.store.Write.ReleaseLocks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Locks and pools on the write connection: acquisition, the line of waiters, fencing tokens and
 * release. Called inside the writer's transaction, so each operation is atomic across processes.
 */
final class LockTables implements AutoCloseable {
    static final String HOLDER_COLUMNS = "lock, run_id, seq, token, acquired_at";
    static final String WAITER_COLUMNS = "lock, run_id, seq, priority, enqueued_at";
    static final String WAITERS_IN_ORDER = " ORDER BY priority DESC, enqueued_at, rowid";

    private final PreparedStatement holds;
    private final PreparedStatement holders;
    private final PreparedStatement waiting;
    private final PreparedStatement ahead;
    private final PreparedStatement nextToken;
    private final PreparedStatement lastToken;
    private final PreparedStatement regrant;
    private final PreparedStatement grant;
    private final PreparedStatement leaveLine;
    private final PreparedStatement joinLine;
    private final PreparedStatement heldBy;
    private final PreparedStatement waitedForBy;
    private final PreparedStatement dropHolders;
    private final PreparedStatement dropWaiters;
    private final PreparedStatement firstWaiters;
    private final PreparedStatement holderCount;
    private final PreparedStatement wake;

    LockTables(Connection connection) throws SQLException {
        holds = connection.prepareStatement("SELECT 1 FROM lock_holders WHERE lock = ? AND run_id = ? AND seq = ?");
        holders = connection.prepareStatement("SELECT " + HOLDER_COLUMNS + " FROM lock_holders WHERE lock = ? ORDER BY acquired_at, token");
        waiting = connection.prepareStatement("SELECT priority, enqueued_at, rowid FROM lock_waiters WHERE lock = ? AND run_id = ? AND seq = ?");
        ahead = connection.prepareStatement("SELECT count(*) FROM lock_waiters WHERE lock = ?1 AND (priority > ?2 "
                + "OR (priority = ?2 AND (enqueued_at < ?3 OR (enqueued_at = ?3 AND rowid < ?4))))");
        nextToken = connection.prepareStatement("INSERT INTO lock_tokens (lock, last_token) VALUES (?, 1) "
                + "ON CONFLICT (lock) DO UPDATE SET last_token = last_token + 1");
        lastToken = connection.prepareStatement("SELECT last_token FROM lock_tokens WHERE lock = ?");
        regrant = connection.prepareStatement("UPDATE lock_holders SET token = ?, acquired_at = ? WHERE lock = ? AND run_id = ? AND seq = ?");
        grant = connection.prepareStatement("INSERT INTO lock_holders (" + HOLDER_COLUMNS + ") VALUES (?, ?, ?, ?, ?)");
        leaveLine = connection.prepareStatement("DELETE FROM lock_waiters WHERE lock = ? AND run_id = ? AND seq = ?");
        joinLine = connection.prepareStatement("INSERT INTO lock_waiters (" + WAITER_COLUMNS + ") VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (lock, run_id, seq) DO NOTHING");
        heldBy = connection.prepareStatement("SELECT lock, count(*) FROM lock_holders WHERE run_id = ?1 AND (?2 = 0 OR seq = ?2) GROUP BY lock");
        waitedForBy = connection.prepareStatement("SELECT lock, 1 FROM lock_waiters WHERE run_id = ?1 AND (?2 = 0 OR seq = ?2) GROUP BY lock");
        dropHolders = connection.prepareStatement("DELETE FROM lock_holders WHERE run_id = ?1 AND (?2 = 0 OR seq = ?2)");
        dropWaiters = connection.prepareStatement("DELETE FROM lock_waiters WHERE run_id = ?1 AND (?2 = 0 OR seq = ?2)");
        firstWaiters = connection.prepareStatement("SELECT run_id, seq FROM lock_waiters WHERE lock = ?" + WAITERS_IN_ORDER + " LIMIT ?");
        holderCount = connection.prepareStatement("SELECT count(*) FROM lock_holders WHERE lock = ?");
        wake = connection.prepareStatement("UPDATE runs SET wake_at = ?1, updated_at = MAX(updated_at, ?1) "
                + "WHERE id = ?2 AND status = 'WAITING' AND (wake_at IS NULL OR wake_at > ?1)");
    }

    LockGrant acquire(AcquireLock w) throws SQLException {
        if (exists(holds, w.lock(), w.runId(), w.seq())) {
            // Held already: a run resumed after its worker stopped. A new token fences the old execution.
            long token = newToken(w.lock());
            regrant.setLong(1, token);
            regrant.setLong(2, w.at());
            regrant.setString(3, w.lock());
            regrant.setString(4, w.runId());
            regrant.setInt(5, w.seq());
            regrant.executeUpdate();
            return new LockGrant(true, token, List.of());
        }
        int priority = w.priority();
        long enqueuedAt = w.at();
        long rowid = Long.MAX_VALUE;
        waiting.setString(1, w.lock());
        waiting.setString(2, w.runId());
        waiting.setInt(3, w.seq());
        try (ResultSet rs = waiting.executeQuery()) {
            if (rs.next()) {
                priority = rs.getInt(1);
                enqueuedAt = rs.getLong(2);
                rowid = rs.getLong(3);
            }
        }
        if (count(holderCount, w.lock()) < w.slots() && waitersAhead(w.lock(), priority, enqueuedAt, rowid) == 0) {
            long token = newToken(w.lock());
            bind(leaveLine, w.lock(), w.runId(), w.seq());
            leaveLine.executeUpdate();
            grant.setString(1, w.lock());
            grant.setString(2, w.runId());
            grant.setInt(3, w.seq());
            grant.setLong(4, token);
            grant.setLong(5, w.at());
            grant.executeUpdate();
            return new LockGrant(true, token, List.of());
        }
        joinLine.setString(1, w.lock());
        joinLine.setString(2, w.runId());
        joinLine.setInt(3, w.seq());
        joinLine.setInt(4, w.priority());
        joinLine.setLong(5, w.at());
        joinLine.executeUpdate();
        return new LockGrant(false, 0, holders(w.lock()));
    }

    List<String> release(ReleaseLocks w) throws SQLException {
        // Per lock, how many slots this frees, and how many places in line it leaves (a waiter
        // leaving the line may unblock the next one, but frees no slot).
        Map<String, Integer> freedSlots = new LinkedHashMap<>();
        Map<String, Integer> leftLine = new LinkedHashMap<>();
        counts(heldBy, w.runId(), w.seq(), freedSlots);
        counts(waitedForBy, w.runId(), w.seq(), leftLine);
        for (PreparedStatement drop : List.of(dropHolders, dropWaiters)) {
            drop.setString(1, w.runId());
            drop.setInt(2, w.seq());
            drop.executeUpdate();
        }
        Set<String> woken = new LinkedHashSet<>();
        // A freed slot goes straight to the first waiter in line, in this transaction: the waiter
        // finds itself holding the lock when it wakes, so a hand-over costs one commit, not two.
        for (Map.Entry<String, Integer> lock : freedSlots.entrySet()) {
            for (Waiter next : first(lock.getKey(), lock.getValue())) {
                long token = newToken(lock.getKey());
                bind(leaveLine, lock.getKey(), next.runId(), next.seq());
                leaveLine.executeUpdate();
                grant.setString(1, lock.getKey());
                grant.setString(2, next.runId());
                grant.setInt(3, next.seq());
                grant.setLong(4, token);
                grant.setLong(5, w.at());
                grant.executeUpdate();
                woken.add(next.runId());
            }
        }
        // Whoever is first in line now, behind one that left, asks again when it runs.
        for (Map.Entry<String, Integer> lock : leftLine.entrySet()) {
            for (Waiter next : first(lock.getKey(), lock.getValue())) {
                woken.add(next.runId());
            }
        }
        for (String runId : woken) {
            wake.setLong(1, w.at());
            wake.setString(2, runId);
            wake.executeUpdate();
        }
        return new ArrayList<>(woken);
    }

    private List<Waiter> first(String lock, int count) throws SQLException {
        firstWaiters.setString(1, lock);
        firstWaiters.setInt(2, count);
        List<Waiter> found = new ArrayList<>(count);
        try (ResultSet rs = firstWaiters.executeQuery()) {
            while (rs.next()) {
                found.add(new Waiter(rs.getString(1), rs.getInt(2)));
            }
        }
        return found;
    }

    private record Waiter(String runId, int seq) {
    }

    private static void counts(PreparedStatement query, String runId, int seq, Map<String, Integer> into) throws SQLException {
        query.setString(1, runId);
        query.setInt(2, seq);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                into.merge(rs.getString(1), rs.getInt(2), Integer::sum);
            }
        }
    }

    private long waitersAhead(String lock, int priority, long enqueuedAt, long rowid) throws SQLException {
        ahead.setString(1, lock);
        ahead.setInt(2, priority);
        ahead.setLong(3, enqueuedAt);
        ahead.setLong(4, rowid);
        try (ResultSet rs = ahead.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private long newToken(String lock) throws SQLException {
        nextToken.setString(1, lock);
        nextToken.executeUpdate();
        lastToken.setString(1, lock);
        try (ResultSet rs = lastToken.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<LockHolder> holders(String lock) throws SQLException {
        holders.setString(1, lock);
        List<LockHolder> found = new ArrayList<>();
        try (ResultSet rs = holders.executeQuery()) {
            while (rs.next()) {
                found.add(new LockHolder(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return found;
    }

    private static boolean exists(PreparedStatement query, String lock, String runId, int seq) throws SQLException {
        bind(query, lock, runId, seq);
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    private static long count(PreparedStatement query, String lock) throws SQLException {
        query.setString(1, lock);
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void bind(PreparedStatement ps, String lock, String runId, int seq) throws SQLException {
        ps.setString(1, lock);
        ps.setString(2, runId);
        ps.setInt(3, seq);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : List.of(holds, holders, waiting, ahead, nextToken, lastToken, regrant, grant,
                leaveLine, joinLine, heldBy, waitedForBy, dropHolders, dropWaiters, firstWaiters, holderCount, wake)) {
            ps.close();
        }
    }
}
