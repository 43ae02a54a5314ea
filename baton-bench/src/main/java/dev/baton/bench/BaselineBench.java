package dev.baton.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The floor the engine is measured against: the same number of step rows, of the same shape as
 * the engine's checkpoints, inserted with plain batched JDBC into a fresh SQLite file with the
 * same table layout and pragmas (WAL, the same {@code synchronous}, {@code wal_autocheckpoint} and
 * page cache), one transaction per batch. Rows go in the
 * order the engine produces them under load: step 1 of every run, then step 2 of every run, …
 */
final class BaselineBench {

    /**
     * @param rowsPerSecond rows inserted per second
     * @param rows          rows inserted
     * @param elapsedNanos  the time the inserts and commits took
     * @param sqliteVersion the SQLite library's version
     */
    record Result(double rowsPerSecond, long rows, long elapsedNanos, String sqliteVersion) {
    }

    /** The store's own table for step checkpoints, column for column, with its index. */
    private static final String CREATE = """
            CREATE TABLE steps (
              run_key     INTEGER NOT NULL,
              seq         INTEGER NOT NULL,
              name        TEXT    NOT NULL,
              kind        TEXT    NOT NULL,
              status      TEXT    NOT NULL,
              attempts    INTEGER NOT NULL,
              started_at  INTEGER NOT NULL,
              ended_at    INTEGER,
              wake_at     INTEGER,
              output      TEXT,
              output_type TEXT,
              error       TEXT,
              detail      TEXT
            )""";
    private static final String INDEX = "CREATE UNIQUE INDEX steps_by_run ON steps (run_key, seq)";

    private static final String INSERT = "INSERT INTO steps (run_key, seq, name, kind, status, attempts, "
            + "started_at, ended_at, output, output_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The SQLite store's default {@code wal_autocheckpoint}, in pages. */
    static final int WAL_AUTOCHECKPOINT = 16_000;
    /** The SQLite store's default page cache of its write connection, in KiB. */
    static final int CACHE_SIZE_KIB = 65_536;

    private BaselineBench() {
    }

    static Result run(Path file, String synchronous, int runs, int steps, int batch) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=" + synchronous);
                // The SQLite store's default, so that both write the log back to the file equally often.
                statement.execute("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT);
                statement.execute("PRAGMA cache_size=-" + CACHE_SIZE_KIB);
                statement.execute(CREATE);
                statement.execute(INDEX);
            }
            String version;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                version = rs.getString(1);
            }
            connection.setAutoCommit(false);

            long rows = (long) runs * steps;
            long begin = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int inBatch = 0;
                for (int seq = 1; seq <= steps; seq++) {
                    String name = "s" + seq;
                    String output = Integer.toString(seq);
                    for (int r = 0; r < runs; r++) {
                        long now = System.currentTimeMillis();
                        insert.setLong(1, r + 1);
                        insert.setInt(2, seq);
                        insert.setString(3, name);
                        insert.setString(4, "STEP");
                        insert.setString(5, "COMPLETED");
                        insert.setInt(6, 1);
                        insert.setLong(7, now);
                        insert.setLong(8, now);
                        insert.setString(9, output);
                        insert.setString(10, "java.lang.Integer");
                        insert.addBatch();
                        if (++inBatch == batch) {
                            insert.executeBatch();
                            connection.commit();
                            inBatch = 0;
                        }
                    }
                }
                if (inBatch > 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            long elapsed = System.nanoTime() - begin;
            return new Result(rows / (elapsed / 1e9), rows, elapsed, version);
        }
    }
}
