package dev.baton.store.sqlite;

import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.StoreConfig;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Measures how many step rows per second the store writes in batches, next to a plain batched
 * JDBC insert into an identical table on an identical connection (WAL, synchronous=FULL), which
 * is the floor the store's overhead is measured against.
 *
 * <p>Run with the test class path: {@code java -cp ... dev.baton.store.sqlite.SqliteThroughput
 * [batches] [batchSize] [activeRuns...]}. Steps are spread over {@code activeRuns} runs, as
 * steps of that many concurrent runs would be; the more runs, the more pages each commit writes.
 */
public final class SqliteThroughput {
    private static final String PAYLOAD = "{\"orderId\":\"A-1042\",\"amount\":129.5,\"currency\":\"EUR\"}";

    private SqliteThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<Integer> runCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            runCounts.add(Integer.parseInt(args[i]));
        }
        if (runCounts.isEmpty()) {
            runCounts = List.of(100, 1_000, 10_000);
        }
        Path folder = Files.createTempDirectory("baton-throughput");
        System.out.printf("%d batches of %d writes, synchronous=FULL, WAL%n", batches, batchSize);
        for (int runs : runCounts) {
            double plain = plainJdbc(folder.resolve("plain-" + runs + ".db"), batches, batchSize, runs, false);
            double tuned = plainJdbc(folder.resolve("tuned-" + runs + ".db"), batches, batchSize, runs, true);
            double upserts = store(folder.resolve("store-" + runs + ".db"), batches, batchSize, runs, false);
            double mixed = store(folder.resolve("mixed-" + runs + ".db"), batches, batchSize, runs, true);
            System.out.printf("%6d active runs: plain JDBC INSERT %,9.0f rows/s, same with the store's pragmas "
                    + "%,9.0f rows/s | store UpsertStep %,9.0f rows/s (%.0f%% of the latter) | store engine-like mix "
                    + "%,9.0f writes/s%n", runs, plain, tuned, upserts, 100 * upserts / tuned, mixed);
        }
    }

    /** @return UpsertStep rows per second through {@link SqliteStore#apply} */
    private static double store(Path file, int batches, int batchSize, int runs, boolean mixed) {
        StoreConfig config = StoreConfig.sqlite(file);
        // Store options to try, as -Dbaton.sqlite.<option>=<value>.
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("baton.sqlite.")) {
                config = config.with(name.substring("baton.sqlite.".length()), System.getProperty(name));
            }
        }
        try (SqliteStore store = SqliteStore.open(config)) {
            prefill(store);
            String[] ids = runIds(runs);
            int[] seqs = new int[runs];
            List<Write> creates = new ArrayList<>();
            for (String id : ids) {
                creates.add(new Write.CreateRun(new RunRow(id, "bench", RunStatus.RUNNING,
                        "{}", null, null, null, null, null, 0, "me", Long.MAX_VALUE, null, null, false, 1, 1L, null, 1)));
            }
            store.apply(creates);
            long written = 0;
            long start = 0;
            int warmup = Math.max(1, batches / 10);
            for (int b = 0; b < batches + warmup; b++) {
                if (b == warmup) {
                    start = System.nanoTime();
                    written = 0;
                }
                List<Write> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    int r = (b * batchSize + i) % runs;
                    int seq = ++seqs[r];
                    batch.add(new Write.UpsertStep(new StepRow(ids[r], seq, "step-" + (seq % 10), StepKind.STEP,
                            StepStatus.COMPLETED, 1, 1_000L + i, 1_001L + i, null, PAYLOAD, "com.example.Receipt",
                            null, null)));
                    // Roughly what an engine adds: a run's event or state change every few steps.
                    if (mixed && i % 8 == 0) {
                        batch.add(new Write.AppendEvent(new EventRow(ids[r], 1_000L + i, "STEP_COMPLETED", "step")));
                    }
                    if (mixed && i % 16 == 0) {
                        batch.add(new Write.MarkRunning(ids[r], "me", Long.MAX_VALUE, 1_000L + i));
                    }
                }
                store.apply(batch);
                written += batch.size();
            }
            return written / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * @param tuned whether to set the pragmas the store sets (a larger page cache and WAL), or
     *              leave SQLite's defaults
     * @return rows per second of a batched INSERT into a table like {@code steps}
     */
    private static double plainJdbc(Path file, int batches, int batchSize, int runs, boolean tuned) throws Exception {
        String[] ids = runIds(runs);
        int[] seqs = new int[runs];
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = FULL");
            if (tuned) {
                st.execute("PRAGMA wal_autocheckpoint = " + SqliteOptions.DEFAULTS.walAutocheckpoint());
                st.execute("PRAGMA cache_size = -" + SqliteOptions.DEFAULTS.cacheSizeKib());
            }
            st.execute("CREATE TABLE steps (run_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, "
                    + "kind TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, started_at INTEGER NOT NULL, "
                    + "ended_at INTEGER, wake_at INTEGER, output TEXT, output_type TEXT, error TEXT, detail TEXT, "
                    + "PRIMARY KEY (run_id, seq)) WITHOUT ROWID");
            PreparedStatement insert = c.prepareStatement("INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            long written = 0;
            long start = 0;
            int warmup = Math.max(1, batches / 10);
            for (int b = 0; b < batches + warmup; b++) {
                if (b == warmup) {
                    start = System.nanoTime();
                    written = 0;
                }
                st.execute("BEGIN IMMEDIATE");
                for (int i = 0; i < batchSize; i++) {
                    int r = (b * batchSize + i) % runs;
                    int seq = ++seqs[r];
                    insert.setString(1, ids[r]);
                    insert.setInt(2, seq);
                    insert.setString(3, "step-" + (seq % 10));
                    insert.setString(4, "STEP");
                    insert.setString(5, "COMPLETED");
                    insert.setInt(6, 1);
                    insert.setLong(7, 1_000L + i);
                    insert.setLong(8, 1_001L + i);
                    insert.setNull(9, Types.BIGINT);
                    insert.setString(10, PAYLOAD);
                    insert.setString(11, "com.example.Receipt");
                    insert.setNull(12, Types.VARCHAR);
                    insert.setNull(13, Types.VARCHAR);
                    insert.addBatch();
                }
                insert.executeBatch();
                st.execute("COMMIT");
                written += batchSize;
            }
            return written / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static String[] runIds(int runs) {
        String[] ids = new String[runs];
        for (int i = 0; i < runs; i++) {
            ids[i] = nextId();
        }
        return ids;
    }

    private static long idCounter;

    /**
     * @return a random UUID, or with -DorderedIds=true one whose start grows with each id, as a
     *         time-ordered id (UUIDv7, ULID) would
     */
    private static String nextId() {
        String random = UUID.randomUUID().toString();
        return Boolean.getBoolean("orderedIds") ? String.format("%012x", ++idCounter) + random.substring(12) : random;
    }

    /** Fills the store with -DprefillRuns finished runs of 10 steps, as a store that has been in use. */
    private static void prefill(SqliteStore store) {
        int runs = Integer.getInteger("prefillRuns", 0);
        for (int done = 0; done < runs; ) {
            List<Write> batch = new ArrayList<>();
            for (int n = 0; n < 500 && done < runs; n++, done++) {
                String id = nextId();
                batch.add(new Write.CreateRun(new RunRow(id, "bench", RunStatus.COMPLETED, "{}", "1", "int", null,
                        null, null, 0, null, 0, null, null, false, 1, 1L, 2L, 2)));
                for (int seq = 1; seq <= 10; seq++) {
                    batch.add(new Write.UpsertStep(new StepRow(id, seq, "step", StepKind.STEP, StepStatus.COMPLETED, 1,
                            1, 2L, null, PAYLOAD, "com.example.Receipt", null, null)));
                }
            }
            store.apply(batch);
        }
    }
}
