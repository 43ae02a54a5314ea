package dev.baton.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A few read-only connections shared by every thread that reads. In WAL mode a reader sees the
 * last committed state and never waits for the writer, so reads run beside the write connection
 * and beside each other. Connections are opened when first needed, up to the limit; beyond it a
 * reader waits for a free one. Each connection keeps its prepared statements, since the same
 * few queries are asked again and again.
 *
 * <p>Waiting uses {@code java.util.concurrent} rather than monitors, so a virtual thread that
 * waits for a connection does not pin its carrier.
 */
final class ReadPool implements AutoCloseable {

    /** Opens a read-only connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** A read to run on a pooled connection. */
    @FunctionalInterface
    interface Read<T> {
        T run(Reader reader) throws SQLException;
    }

    private final Opener opener;
    private final int max;
    private final LinkedBlockingQueue<Reader> idle = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Reader> all = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param opener opens a connection
     * @param max    the most connections
     */
    ReadPool(Opener opener, int max) {
        this.opener = opener;
        this.max = max;
    }

    /**
     * Runs a read on a free connection.
     *
     * @param read the read
     * @param <T>  its result
     * @return its result
     * @throws SQLException when the read or opening a connection fails
     */
    <T> T read(Read<T> read) throws SQLException {
        Reader reader = acquire();
        try {
            return read.run(reader);
        } finally {
            release(reader);
        }
    }

    private Reader acquire() throws SQLException {
        Reader reader = idle.poll();
        if (reader != null) {
            return reader;
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            if (all.size() < max) {
                Reader opened = new Reader(opener.open());
                all.add(opened);
                return opened;
            }
        } finally {
            lock.unlock();
        }
        try {
            // Polls rather than waits for good, so that a reader waiting when the store closes
            // learns of it.
            while (true) {
                reader = idle.poll(100, TimeUnit.MILLISECONDS);
                if (reader != null) {
                    return reader;
                }
                if (closed) {
                    throw new IllegalStateException("the store is closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a read connection", e);
        }
    }

    private void release(Reader reader) {
        lock.lock();
        try {
            if (closed) {
                reader.close();
                return;
            }
        } finally {
            lock.unlock();
        }
        idle.add(reader);
    }

    /** Closes the idle connections now and the busy ones when their reads end. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            Reader reader;
            while ((reader = idle.poll()) != null) {
                reader.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One read-only connection and the statements prepared on it; used by one thread at a time. */
    static final class Reader {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        private Reader(Connection connection) {
            this.connection = connection;
        }

        /**
         * @param sql a query
         * @return the query prepared on this connection, prepared once and kept
         * @throws SQLException when it cannot be prepared
         */
        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        private void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a read-only connection loses nothing.
            }
        }
    }
}
