package dev.baton.store.sqlite;

import dev.baton.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a file to the schema this code knows, with Flyway, after making sure the file is one
 * Baton may touch: an empty or new file, or a Baton store of this version or an older one. A
 * Baton store is recognised by its own Flyway history table, {@value #HISTORY_TABLE}, so that a
 * database of another program (with or without Flyway) is never mistaken for one.
 */
final class SchemaMigrator {
    /** Flyway's history table in a Baton store. */
    static final String HISTORY_TABLE = "baton_schema_history";
    /** Where the migrations are, one {@code V<n>__<what>.sql} per schema version. */
    static final String LOCATION = "classpath:db/migration/sqlite";
    /** The newest schema version this code knows: the highest migration in {@link #LOCATION}. */
    static final MigrationVersion LATEST = MigrationVersion.fromVersion("9");

    /** What a file holds, as far as Baton is concerned. */
    sealed interface State {
        /** No tables at all: a new file. */
        record Empty() implements State {
        }

        /** A Baton store at {@code version}. */
        record Baton(MigrationVersion version) implements State {
        }

        /** Tables of another program. */
        record Foreign(List<String> tables) implements State {
        }
    }

    private final Path file;
    private final SqliteErrors errors;

    /**
     * @param file   the store's file, for messages
     * @param errors the translator of errors
     */
    SchemaMigrator(Path file, SqliteErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    /**
     * Reads what the file holds, without changing it.
     *
     * @param connection a connection to the file
     * @return its state
     * @throws SQLException when it cannot be read (for instance, it is not an SQLite database)
     */
    State inspect(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return new State.Empty();
        }
        if (!tables.contains(HISTORY_TABLE)) {
            return new State.Foreign(tables);
        }
        MigrationVersion newest = MigrationVersion.EMPTY;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + HISTORY_TABLE
                     + " WHERE success = 1 AND version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rs.getString(1));
                if (version.isNewerThan(newest)) {
                    newest = version;
                }
            }
        }
        return new State.Baton(newest);
    }

    /**
     * Refuses a file that is not a Baton store of a version this code can use.
     *
     * @param state what {@link #inspect} found
     * @throws StoreException when the file belongs to another program or to a newer Baton
     */
    void refuseIfNotOurs(State state) {
        if (state instanceof State.Foreign foreign) {
            List<String> tables = foreign.tables();
            String some = String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                    + (tables.size() > 5 ? ", ... (" + tables.size() + " tables)" : "");
            throw new StoreException(file + " is an SQLite database but not a Baton store: it has the tables "
                    + some + " and no " + HISTORY_TABLE + ". Baton left it untouched. Point the store at another "
                    + "file (a new file is created), or move this one away.", null);
        }
        if (state instanceof State.Baton baton && baton.version().isNewerThan(LATEST)) {
            throw new StoreException("The store " + file + " was written by a newer Baton: its schema is at version "
                    + baton.version() + ", and this Baton knows versions up to " + LATEST + ". Upgrade Baton to the "
                    + "version that wrote it (or newer), or point this one at another file. The store was not "
                    + "changed.", null);
        }
    }

    /**
     * @param state what {@link #inspect} found
     * @return whether {@link #migrate} has anything to do
     */
    static boolean needsMigration(State state) {
        return !(state instanceof State.Baton baton) || LATEST.isNewerThan(baton.version());
    }

    /**
     * Migrates the file to {@link #LATEST}. Flyway cannot lock an SQLite file against another
     * process migrating it at the same moment; when that happens one of the two fails, finds the
     * schema current, and goes on.
     *
     * @param dataSource connections to the file for Flyway
     * @param check      a connection to read the outcome with
     * @throws StoreException when migration failed and the schema is not current
     */
    void migrate(DataSource dataSource, Connection check) {
        try {
            Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (isCurrent(check)) {
                return;
            }
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw errors.translate("migrating its schema to version " + LATEST, sql);
            }
            throw new StoreException("Migrating the store " + file + " to schema version " + LATEST + " failed: "
                    + e.getMessage() + ". The migration was rolled back; fix the cause and start again.", e);
        }
        if (!isCurrent(check)) {
            throw new StoreException("Migrating the store " + file + " to schema version " + LATEST
                    + " finished without reaching it. Check that the migrations are on the class path ("
                    + LOCATION + "), or point the store at another file.", null);
        }
    }

    private boolean isCurrent(Connection check) {
        try {
            return inspect(check) instanceof State.Baton baton && !LATEST.isNewerThan(baton.version());
        } catch (SQLException e) {
            return false;
        }
    }

    private static SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
