package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.Write;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static dev.baton.engine.store.StoreFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SqliteStore#openReadOnly}: reads an existing store and never changes its file. */
class SqliteReadOnlyTest {
    @TempDir
    Path folder;

    @Test
    void readsRunsAndDeploysAndRefusesToWriteLeavingTheFileAsItWas() throws Exception {
        Path file = folder.resolve("baton.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            store.apply(List.of(run("r1").create(), new Write.RecordDeployment(
                    new DeploymentRow(0, "sha256:aa", 1, "v1", "alice", 1L, "{}"))));
        }
        byte[] before = Files.readAllBytes(file);

        try (SqliteStore store = SqliteStore.openReadOnly(file)) {
            assertThat(store.findRun("r1")).isPresent();
            assertThat(store.latestDeployment()).hasValueSatisfying(d -> assertThat(d.author()).isEqualTo("alice"));
            assertThatThrownBy(() -> store.apply(List.of(run("r2").create())))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        }
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).as("the file's bytes are unchanged").isTrue();
    }

    @Test
    void anOlderStoreIsReadWithoutMigratingItAndHasNoDeploys() throws Exception {
        Path file = folder.resolve("old.db");
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(dataSource).locations(SchemaMigrator.LOCATION).table(SchemaMigrator.HISTORY_TABLE)
                .target("6").load().migrate();
        byte[] before = Files.readAllBytes(file);

        try (SqliteStore store = SqliteStore.openReadOnly(file)) {
            assertThat(store.deployments(10)).isEmpty();
            assertThat(store.findRun("nothing")).isEmpty();
        }
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).isTrue();
    }

    @Test
    void aStoreTooOldToReadIsRefusedWithWhatToDoAndLeftAsItWas() throws Exception {
        Path file = folder.resolve("older.db");
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(dataSource).locations(SchemaMigrator.LOCATION).table(SchemaMigrator.HISTORY_TABLE)
                .target("5").load().migrate();
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> SqliteStore.openReadOnly(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 5").hasMessageContaining("baton runs --db");
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).isTrue();
    }

    @Test
    void refusesAMissingFileWithoutCreatingIt() {
        Path file = folder.resolve("missing.db");
        assertThatThrownBy(() -> SqliteStore.openReadOnly(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining("does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAFileThatIsNotABatonStoreOrOfANewerBaton() throws Exception {
        Path text = folder.resolve("notes.txt");
        Files.writeString(text, "not a database at all, just some text that is long enough to have a header".repeat(20));
        assertThatThrownBy(() -> SqliteStore.openReadOnly(text)).isInstanceOf(StoreException.class);

        Path foreign = folder.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id INTEGER)");
        }
        assertThatThrownBy(() -> SqliteStore.openReadOnly(foreign)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a Baton store");

        Path newer = folder.resolve("newer.db");
        SqliteStore.open(StoreConfig.sqlite(newer)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + SchemaMigrator.HISTORY_TABLE + " (installed_rank, version, description, type, "
                    + "script, checksum, installed_by, execution_time, success) "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'baton', 1, 1)");
        }
        assertThatThrownBy(() -> SqliteStore.openReadOnly(newer)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Baton");
    }
}
