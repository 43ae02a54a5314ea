package dev.baton.store.sqlite;

import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;
import dev.baton.engine.store.Write.UpsertStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.baton.engine.store.StoreFixtures.T0;
import static dev.baton.engine.store.StoreFixtures.run;
import static dev.baton.engine.store.StoreFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every way a store file can be unusable, each on a real file, each failing with a
 * {@link StoreException} that names the file and says what to do.
 */
class SqliteStoreErrorsTest {
    @TempDir
    Path folder;

    @Test
    void aBatchFailsClearlyWhenAnotherConnectionHoldsTheWriteLockBeyondTheBusyTimeout() throws Exception {
        Path file = folder.resolve("baton.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file).with("busy_timeout_ms", "200"));
             Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement lock = holder.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");

            assertThatThrownBy(() -> store.apply(List.of(run("r1").create())))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is locked by another connection or process")
                    .hasMessageContaining("busy_timeout_ms");

            lock.execute("ROLLBACK");
            assertThat(store.apply(List.of(run("r1").create()))).hasSize(1);
            assertThat(store.findRun("r1")).isPresent();
        }
    }

    @Test
    void openingFailsClearlyWhenAnotherConnectionHoldsAnExclusiveLockOnANewFile() throws Exception {
        Path file = folder.resolve("baton.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement lock = holder.createStatement()) {
            // A new file is not in WAL mode yet, so an exclusive lock shuts out readers too.
            lock.execute("BEGIN EXCLUSIVE");

            assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file).with("busy_timeout_ms", "100")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is locked");

            lock.execute("ROLLBACK");
        }
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            assertThat(store.findRun("r1")).isEmpty();
        }
    }

    @Test
    void openingARandomFileFailsSayingItIsNotAnSqliteDatabaseAndLeavesItUntouched() throws Exception {
        Path file = folder.resolve("photo.jpg");
        byte[] noise = new byte[16 * 1024];
        new Random(42).nextBytes(noise);
        Files.write(file, noise);

        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file + " is not an SQLite database")
                .hasMessageContaining("Point the store at another file");

        assertThat(Files.readAllBytes(file)).isEqualTo(noise);
    }

    @Test
    void openingAnotherProgramsDatabaseFailsListingItsTablesAndLeavesItUntouched() throws Exception {
        Path file = folder.resolve("shop.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = other.createStatement()) {
            st.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            st.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)");
            st.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
            st.execute("INSERT INTO customers (name) VALUES ('Ada')");
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file + " is an SQLite database but not a Baton store")
                .hasMessageContaining("customers, invoices, orders")
                .hasMessageContaining("left it untouched");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.exists(Path.of(file + "-wal"))).isFalse();
    }

    @Test
    void openingAStoreOfANewerBatonFailsSayingToUpgrade() throws Exception {
        Path file = folder.resolve("baton.db");
        SqliteStore.open(StoreConfig.sqlite(file)).close();
        try (Connection newer = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = newer.createStatement()) {
            st.execute("INSERT INTO " + SchemaMigrator.HISTORY_TABLE + " (installed_rank, version, description, "
                    + "type, script, checksum, installed_by, execution_time, success) "
                    + "VALUES (99, '999.1', 'from the future', 'SQL', 'V999_1__from_the_future.sql', 0, 'baton', 1, 1)");
        }

        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("The store " + file + " was written by a newer Baton")
                .hasMessageContaining("schema is at version 999.1")
                .hasMessageContaining("Upgrade Baton");
    }

    @Test
    void aFullDiskFailsTheBatchRollsItBackAndLeavesTheStoreConsistent() throws Exception {
        Path file = folder.resolve("baton.db");
        // Room for the schema and a little more: a "database or disk is full" error, for real.
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file).with("max_page_count", "60"))) {
            store.apply(List.of(run("small").create(), new UpsertStep(step("small", 1, "a", StepStatus.COMPLETED))));
            List<Write> big = new ArrayList<>();
            big.add(run("big").create());
            String payload = "\"" + "x".repeat(8_000) + "\"";
            for (int seq = 1; seq <= 100; seq++) {
                big.add(new UpsertStep(new StepRow("big", seq, "s", StepKind.STEP,
                        StepStatus.COMPLETED, 1, T0, T0, null, payload, "java.lang.String", null, null)));
            }

            assertThatThrownBy(() -> store.apply(big))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("The store " + file + " is full")
                    .hasMessageContaining("Nothing of the failed batch was written")
                    .hasMessageContaining("Free disk space");

            assertThat(store.findRun("big")).isEmpty();
            assertThat(store.steps("big")).isEmpty();
            assertThat(store.steps("small")).hasSize(1);
            assertThat(store.apply(List.of(run("after").create()))).hasSize(1);
            assertThat(store.findRun("after")).isPresent();
        }
        try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = check.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void openingAReadOnlyStoreFileFailsSayingItIsReadOnly() throws Exception {
        Path file = folder.resolve("baton.db");
        SqliteStore.open(StoreConfig.sqlite(file)).close();

        ReadOnly readOnly = ReadOnly.make(file);
        try {
            assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("The store " + file + " is read-only")
                    .hasMessageContaining("writable");
        } finally {
            readOnly.undo();
        }
    }

    @Test
    void openingAStoreInAReadOnlyFolderFailsSayingItIsReadOnly() throws Exception {
        Path sub = Files.createDirectories(folder.resolve("data"));
        Path existing = sub.resolve("baton.db");
        SqliteStore.open(StoreConfig.sqlite(existing)).close();
        Path missing = sub.resolve("new.db");

        ReadOnly readOnly = ReadOnly.make(sub);
        try {
            assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(existing)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("The store " + existing + " is read-only")
                    .hasMessageContaining(sub.toString());
            assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(missing)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("The store " + missing + " is read-only");
        } finally {
            readOnly.undo();
        }
    }

    @Test
    void anUnknownOptionFailsNamingIt() {
        Path file = folder.resolve("baton.db");

        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file).with("synchronus", "OFF")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Unknown option(s) [synchronus]")
                .hasMessageContaining(file.toString());
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void anInvalidOptionValueFailsNamingTheOptionAndValue() {
        Path file = folder.resolve("baton.db");

        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file).with("busy_timeout_ms", "soon")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("busy_timeout_ms must be a whole number, was 'soon'");
        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(file).with("synchronous", "SOMETIMES")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("synchronous must be one of OFF, NORMAL, FULL, EXTRA, was SOMETIMES");
    }

    @Test
    void aFolderGivenAsTheStoreFileFailsClearly() {
        assertThatThrownBy(() -> SqliteStore.open(StoreConfig.sqlite(folder)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is a folder, not a file");
    }

    /**
     * Makes a file or folder read-only for the duration of a test. Permissions do not stop root,
     * so as root the immutable attribute is used (chattr); where that is unavailable the test is
     * skipped, with the reason.
     */
    private static final class ReadOnly {
        private final Path path;
        private final boolean immutable;

        private ReadOnly(Path path, boolean immutable) {
            this.path = path;
            this.immutable = immutable;
        }

        static ReadOnly make(Path path) throws IOException, InterruptedException {
            if ("root".equals(System.getProperty("user.name"))) {
                assumeTrue(chattr("+i", path) == 0,
                        "running as root, where permissions do not stop writes, and chattr +i is unavailable here");
                return new ReadOnly(path, true);
            }
            assumeTrue(path.toFile().setWritable(false, false), "cannot remove write permission from " + path);
            return new ReadOnly(path, false);
        }

        void undo() throws IOException, InterruptedException {
            if (immutable) {
                if (chattr("-i", path) != 0) {
                    throw new IOException("could not undo chattr +i on " + path + "; run: chattr -i " + path);
                }
            } else {
                path.toFile().setWritable(true, true);
            }
        }

        private static int chattr(String flag, Path path) throws InterruptedException {
            try {
                Process process = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor();
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
