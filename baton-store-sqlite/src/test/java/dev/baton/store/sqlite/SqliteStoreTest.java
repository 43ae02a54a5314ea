package dev.baton.store.sqlite;

import dev.baton.RunQuery;
import dev.baton.StepStatus;
import dev.baton.StoreConfig;
import dev.baton.engine.store.Write.UpsertStep;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.StoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static dev.baton.engine.store.StoreFixtures.run;
import static dev.baton.engine.store.StoreFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

/** What the SQLite store does beyond the store contract: its file, its settings, its provider. */
class SqliteStoreTest {
    @TempDir
    Path folder;

    @Test
    void theProviderOfKindSqliteIsFoundByServiceLoader() {
        List<StoreProvider> providers = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.kind().equals("sqlite"))
                .toList();

        assertThat(providers).singleElement().isInstanceOf(SqliteStoreProvider.class);
        try (Store store = providers.getFirst().open(StoreConfig.sqlite(folder.resolve("baton.db")))) {
            assertThat(store.describe()).isEqualTo("sqlite:" + folder.resolve("baton.db"));
        }
    }

    @Test
    void openingCreatesTheFileAndItsFolders() {
        Path file = folder.resolve("a").resolve("b").resolve("baton.db");

        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            assertThat(Files.isRegularFile(file)).isTrue();
            assertThat(store.file()).isEqualTo(file);
        }
    }

    @Test
    void aRelativeLocationIsResolvedToAnAbsoluteFile() throws Exception {
        Path relative = Path.of("target", "tmp", "relative-" + System.nanoTime() + ".db");
        try (SqliteStore store = SqliteStore.open(new StoreConfig("sqlite", relative.toString(), Map.of()))) {
            assertThat(store.file()).isAbsolute().isEqualTo(relative.toAbsolutePath());
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(relative + suffix));
            }
        }
    }

    @Test
    void theStoreUsesTheWriteAheadLogAndFullSynchronousCommitsByDefault() {
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(folder.resolve("baton.db")))) {
            assertThat(store.pragma("journal_mode")).isEqualTo("wal");
            assertThat(store.pragma("synchronous")).isEqualTo("2");
            assertThat(store.pragma("wal_autocheckpoint")).isEqualTo("16000");
            assertThat(store.pragma("cache_size")).isEqualTo("-65536");
            assertThat(store.pragma("foreign_keys")).isEqualTo("0");
        }
    }

    @Test
    void optionsSetTheCorrespondingPragmas() {
        StoreConfig config = StoreConfig.sqlite(folder.resolve("baton.db")).with("synchronous", "normal")
                .with("busy_timeout_ms", "250").with("max_page_count", "100000").with("wal_autocheckpoint", "500")
                .with("cache_size_kib", "1024");

        try (SqliteStore store = SqliteStore.open(config)) {
            assertThat(store.pragma("synchronous")).isEqualTo("1");
            assertThat(store.pragma("max_page_count")).isEqualTo("100000");
            assertThat(store.pragma("wal_autocheckpoint")).isEqualTo("500");
            assertThat(store.pragma("cache_size")).isEqualTo("-1024");
        }
    }

    @Test
    void reopeningAStoreKeepsItsRunsAndDoesNotMigrateAgain() throws Exception {
        Path file = folder.resolve("baton.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            store.apply(List.of(run("r1").create()));
        }
        int migrated = historyRows(file);

        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            assertThat(store.findRun("r1")).isPresent();
        }
        // One history row per migration, written once: reopening migrated nothing again. (Versions
        // need not be consecutive, so the count is compared with the first open's, not with LATEST.)
        assertThat(migrated).isEqualTo(SchemaMigratorTest.migrationFiles().size());
        assertThat(historyRows(file)).isEqualTo(migrated);
    }

    private static int historyRows(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void idleReadConnectionsDoNotHoldBackCheckpoints() throws Exception {
        Path file = folder.resolve("baton.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            for (int i = 0; i < 20; i++) {
                store.apply(List.of(run("r" + i).create(), new UpsertStep(step("r" + i, 1, "s", StepStatus.COMPLETED))));
                assertThat(store.findRun("r" + i)).isPresent();
                assertThat(store.steps("r" + i)).hasSize(1);
                assertThat(store.listRuns(RunQuery.all())).isNotEmpty();
                assertThat(store.nextSignal("r" + i, "x")).isEmpty();
            }

            // A reader left inside a read transaction would pin the log: TRUNCATE would report busy.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement st = other.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("checkpoint blocked").isZero();
            }
        }
    }

    @Test
    void anEmptyFileBecomesAStore() throws Exception {
        Path file = Files.createFile(folder.resolve("empty.db"));

        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            store.apply(List.of(run("r1").create()));
            assertThat(store.findRun("r1")).isPresent();
        }
    }
}
