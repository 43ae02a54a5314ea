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
    void flywayCoreMigratesAnSqliteFileWithoutAnyDatabaseModule() throws Exception {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + folder.resolve("plain.db"));

        MigrateResult result = Flyway.configure().dataSource(dataSource).locations(SchemaMigrator.LOCATION)
                .table(SchemaMigrator.HISTORY_TABLE).load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(migrationFiles().size());
        assertThat(result.targetSchemaVersion).isEqualTo(SchemaMigrator.LATEST.getVersion());
    }

    /** @return the versions of the migrations on the class path, oldest first (numbers may have gaps) */
    static List<MigrationVersion> migrationFiles() throws Exception {
        URL location = SchemaMigratorTest.class.getClassLoader().getResource("db/migration/sqlite");
        assertThat(location).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V[0-9_.]+__.+\\.sql"))
                    .map(name -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")).replace('_', '.')))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theLatestVersionIsTheHighestMigrationOnTheClassPath() throws Exception {
        List<MigrationVersion> versions = migrationFiles();

        assertThat(versions).isNotEmpty();
        assertThat(versions.getLast()).isEqualTo(SchemaMigrator.LATEST);
    }
}
