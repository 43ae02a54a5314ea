package dev.baton.store.sqlite;

import dev.baton.StoreException;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Turns SQLite's errors into {@link StoreException}s that name the store file, the cause in
 * words, and what to do about it. SQLite's own message is kept at the end and as the cause.
 */
final class SqliteErrors {
    // SQLite's primary result codes (the low byte of an extended code).
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int CONSTRAINT = 19;
    private static final int NOTADB = 26;

    private final Path file;
    private final int busyTimeoutMs;

    /**
     * @param file          the store's database file
     * @param busyTimeoutMs the configured busy timeout, quoted in messages about locks
     */
    SqliteErrors(Path file, int busyTimeoutMs) {
        this.file = file;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    /**
     * @param doing what the store was doing, e.g. "applying a batch of 12 writes"
     * @param error the driver's error
     * @return the exception to throw
     */
    StoreException translate(String doing, SQLException error) {
        int code = primaryCode(error);
        String sqlite = " (SQLite: " + sqliteMessage(error) + ")";
        String message = switch (code) {
            case BUSY, LOCKED -> "The store " + file + " is locked by another connection or process: gave up "
                    + "after waiting " + busyTimeoutMs + " ms while " + doing + ". Stop the other program that "
                    + "holds it (another Baton, or a sqlite3 shell inside a transaction), or raise the store "
                    + "option " + SqliteOptions.BUSY_TIMEOUT_MS + ".";
            case READONLY -> readOnly(doing);
            case FULL -> "The store " + file + " is full: the disk has no space left, or the file reached the "
                    + "store option " + SqliteOptions.MAX_PAGE_COUNT + ", while " + doing + ". Nothing of the "
                    + "failed batch was written. Free disk space (or raise " + SqliteOptions.MAX_PAGE_COUNT
                    + "); runs continue from their last checkpoint.";
            case NOTADB -> notADatabase(doing);
            case CANTOPEN -> "Cannot open the store " + file + " while " + doing + ". Check that the folder "
                    + file.getParent() + " exists and that this user may create files in it: SQLite keeps "
                    + file.getFileName() + "-wal and " + file.getFileName() + "-shm beside the database.";
            case CORRUPT -> "The store " + file + " is corrupt (found while " + doing + "). Restore it from a "
                    + "backup, or try to rescue its data with: sqlite3 " + file + " .recover";
            case IOERR -> "The disk failed to read or write the store " + file + " while " + doing + ". Check "
                    + "the disk and the file system (space, permissions, a network mount that went away), "
                    + "then start again.";
            case CONSTRAINT -> "The store " + file + " rejected a write that breaks a constraint, while " + doing
                    + ". Nothing of the batch was written. This is a bug in Baton or in a program that writes "
                    + "to the file directly; please report it with this message.";
            default -> "The store " + file + " failed while " + doing + ". If this persists, check the file "
                    + "with: sqlite3 " + file + " 'PRAGMA integrity_check'";
        };
        return new StoreException(message + sqlite, error);
    }

    /** @return the message for a store that cannot be written */
    String readOnly(String doing) {
        return "The store " + file + " is read-only (found while " + doing + "). Make the file and its folder "
                + file.getParent() + " writable for this user (and check it is not on a read-only mount), or "
                + "choose another location for the store.";
    }

    /** @return the message for a file that is not an SQLite database */
    String notADatabase(String doing) {
        return file + " is not an SQLite database (found while " + doing + "). Baton left it untouched. Point "
                + "the store at another file, or move this one away so that Baton creates a new store there.";
    }

    /** @return whether the error says that the file is not an SQLite database */
    static boolean isNotADatabase(SQLException error) {
        return primaryCode(error) == NOTADB;
    }

    private static int primaryCode(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite.getResultCode().code & 0xFF;
            }
        }
        return error.getErrorCode() & 0xFF;
    }

    private static String sqliteMessage(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException) {
                return t.getMessage();
            }
        }
        return error.getMessage();
    }
}
