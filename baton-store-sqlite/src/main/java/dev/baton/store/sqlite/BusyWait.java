package dev.baton.store.sqlite;

import org.sqlite.BusyHandler;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a connection does while another process holds the write lock: try again every
 * {@value #RETRY_MICROS} µs until the busy timeout has passed, then give up (the statement then
 * fails with SQLITE_BUSY).
 *
 * <p>SQLite's own busy timeout sleeps 1, 2, 5 ... up to 100 ms between tries. A writer under
 * load commits back to back and leaves the lock free only for a moment between two batches
 * (see {@link SqliteWriter}), which such sparse tries almost never hit: a second process (the
 * CLI beside a running engine) would wait out its whole timeout and fail. Trying this often
 * finds the moment within a batch or two.
 */
final class BusyWait extends BusyHandler {
    /** The pause between two tries. */
    static final long RETRY_MICROS = 100;

    private final long timeoutNanos;
    private long waitingSince;

    private BusyWait(int timeoutMs) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /**
     * Replaces the connection's busy handler (and so its busy timeout) with this one.
     *
     * @param connection a connection used by one thread at a time
     * @param timeoutMs  how long to keep trying, in milliseconds
     * @throws SQLException when the handler cannot be set
     */
    static void install(Connection connection, int timeoutMs) throws SQLException {
        BusyHandler.setHandler(connection, new BusyWait(timeoutMs));
    }

    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            waitingSince = now;
        }
        if (now - waitingSince >= timeoutNanos) {
            return 0;
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(RETRY_MICROS));
        return 1;
    }
}
