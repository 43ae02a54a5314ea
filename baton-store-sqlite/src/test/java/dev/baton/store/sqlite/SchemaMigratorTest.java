package dev.baton.store.sqlite;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema's migrations, as Flyway runs them on SQLite. */
class SchemaMigratorTest {
    @TempDir
    Path folder;

    @Test
    void flywayCoreMigratesAnSqliteFileWithoutAnyDatabaseModule() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + folder.resolve("plain.db"));

        MigrateResult result = Flyway.configure().dataSource(dataSource).locations(SchemaMigrator.LOCATION)
                .table(SchemaMigrator.HISTORY_TABLE).load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(Integer.parseInt(SchemaMigrator.LATEST.getVersion()));
        assertThat(result.targetSchemaVersion).isEqualTo(SchemaMigrator.LATEST.getVersion());
    }

    @Test
    void theLatestVersionIsTheHighestMigrationOnTheClassPath() throws Exception {
        URL location = getClass().getClassLoader().getResource("db/migration/sqlite");
        assertThat(location).isNotNull();
        List<MigrationVersion> versions;
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            versions = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V[0-9_.]+__.+\\.sql"))
                    .map(name -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")).replace('_', '.')))
                    .sorted()
                    .toList();
        }

        assertThat(versions).isNotEmpty();
        assertThat(versions.getLast()).isEqualTo(SchemaMigrator.LATEST);
    }
}
