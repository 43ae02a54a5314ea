package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Opening a store file, in the order that keeps a file Baton must not touch untouched: check the
 * file system, connect, find out what the file holds (and refuse what is not ours), only then
 * switch it to WAL and set the connection's pragmas, migrate the schema, and hand the connection
 * to the writer.
 */
final class SqliteOpener {
    private static final long JOURNAL_SIZE_LIMIT = 128L * 1024 * 1024;

    private SqliteOpener() {
    }

    /**
     * @param config the configuration; its location is the database file
     * @return the open store
     * @throws StoreException when the file cannot be used, with the reason and what to do
     */
    static SqliteStore open(StoreConfig config) {
        SqliteOptions options = SqliteOptions.from(config);
        Path file = Path.of(config.location()).toAbsolutePath().normalize();
        SqliteErrors errors = new SqliteErrors(file, options.busyTimeoutMs());
        checkFileSystem(file, errors);
        Connection connection = null;
        try {
            connection = connect(file, options, false);
            SchemaMigrator migrator = new SchemaMigrator(file, errors);
            SchemaMigrator.State state;
            try {
                state = migrator.inspect(connection);
            } catch (SQLException e) {
                if (SqliteErrors.isNotADatabase(e)) {
                    throw new StoreException(errors.notADatabase("opening it"), e);
                }
                throw e;
            }
            // Nothing is written before the file is known to be ours.
            migrator.refuseIfNotOurs(state);
            configureWriter(connection, file, options);
            if (SchemaMigrator.needsMigration(state)) {
                migrator.migrate(dataSource(file, options), connection);
            }
            SqliteWriter writer = new SqliteWriter(connection, errors);
            ReadPool readers = new ReadPool(() -> connect(file, options, true), options.readConnections());
            return new SqliteStore(file, errors, writer, readers);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw errors.translate("opening it", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Creates the folder and checks what SQLite would otherwise report vaguely: SQLite opens a
     * file it may not write read-only without a word, and then fails at the first write.
     */
    private static void checkFileSystem(Path file, SqliteErrors errors) {
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("Cannot create the folder " + folder + " for the store " + file + " (" + e
                    + "). Create it, or choose another location for the store.", e);
        }
        if (Files.isDirectory(file)) {
            throw new StoreException("The store " + file + " is a folder, not a file. Point the store at a file "
                    + "(for instance " + file.resolve("baton.db") + ").", null);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StoreException(errors.readOnly("opening it"), null);
        }
        if (!Files.isWritable(folder)) {
            throw new StoreException(errors.readOnly("opening it") + " SQLite needs to create " + file.getFileName()
                    + "-wal and " + file.getFileName() + "-shm in " + folder + ".", null);
        }
    }

    private static Connection connect(Path file, SqliteOptions options, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            BusyWait.install(connection, options.busyTimeoutMs());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    private static DataSource dataSource(Path file, SqliteOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(options.busyTimeoutMs());
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private static void configureWriter(Connection connection, Path file, SqliteOptions options) throws SQLException {
        try (Statement st = connection.createStatement()) {
            String mode;
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                mode = rs.next() ? rs.getString(1) : "";
            }
            if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
                throw new StoreException("The store " + file + " cannot use SQLite's write-ahead log (journal mode is "
                        + mode + "). Put the store on a local disk: WAL needs shared memory, which network file "
                        + "systems do not provide.", null);
            }
            st.execute("PRAGMA synchronous = " + options.synchronous());
            st.execute("PRAGMA wal_autocheckpoint = " + options.walAutocheckpoint());
            st.execute("PRAGMA cache_size = -" + options.cacheSizeKib());
            // After a burst (or a long read that held checkpoints back) the log may have grown
            // large; this gives the space back once it is reset.
            st.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT);
            if (options.maxPageCount() > 0) {
                st.execute("PRAGMA max_page_count = " + options.maxPageCount());
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already failing with a better error.
        }
    }
}
