package dev.baton.store.sqlite;

import dev.baton.StoreException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opening an existing store to read it and nothing else, for commands that promise not to change
 * their target ({@code baton plan}): the file must exist and be a Baton store of this version or
 * an older one down to {@link #OLDEST_READABLE}; it is neither created, nor switched to WAL, nor
 * migrated, and every connection is opened read-only, so SQLite itself refuses any write. Reads of
 * what an older schema lacks (the deploy history before version 7) find nothing.
 */
final class SqliteReadOnlyOpener {
    /** The oldest schema whose runs this version reads: version 6 gave runs their code version. */
    static final org.flywaydb.core.api.MigrationVersion OLDEST_READABLE = org.flywaydb.core.api.MigrationVersion.fromVersion("6");
    private SqliteReadOnlyOpener() {
    }

    static SqliteStore open(Path location) {
        Path file = location.toAbsolutePath().normalize();
        SqliteErrors errors = new SqliteErrors(file, SqliteOptions.DEFAULTS.busyTimeoutMs());
        if (!Files.exists(file)) {
            throw new StoreException("No Baton store at " + file + ": the file does not exist. Point the target at the "
                    + "store the application runs on (nothing was created).", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreException("The store " + file + " is not a file. Point the target at the store's SQLite file.", null);
        }
        Connection probe = null;
        try {
            probe = connect(file);
            SchemaMigrator migrator = new SchemaMigrator(file, errors);
            SchemaMigrator.State state;
            try {
                state = migrator.inspect(probe);
            } catch (SQLException e) {
                if (SqliteErrors.isNotADatabase(e)) {
                    throw new StoreException(errors.notADatabase("opening it to read"), e);
                }
                throw e;
            }
            if (state instanceof SchemaMigrator.State.Empty) {
                throw new StoreException(file + " is not a Baton store: it holds no tables. Point the target at the store "
                        + "the application runs on.", null);
            }
            migrator.refuseIfNotOurs(state);
            if (state instanceof SchemaMigrator.State.Baton baton && baton.version().compareTo(OLDEST_READABLE) < 0) {
                // Runs are read with the columns of this version; an older file lacks some of them.
                throw new StoreException("The store " + file + " has schema version " + baton.version() + ", older than "
                        + OLDEST_READABLE + ", the oldest this Baton reads without migrating it. Open it once with this "
                        + "Baton (for instance `baton runs --db " + file + "`, which migrates it), then try again "
                        + "(nothing was changed).", null);
            }
            ReadPool readers = new ReadPool(() -> connect(file), 1);
            return new SqliteStore(file, errors, null, readers);
        } catch (SQLException e) {
            throw errors.translate("opening it to read", e);
        } finally {
            if (probe != null) {
                try {
                    probe.close();
                } catch (SQLException ignored) {
                    // Only read from; nothing to lose.
                }
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            BusyWait.install(connection, SqliteOptions.DEFAULTS.busyTimeoutMs());
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
