package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.StoreException;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of the SQLite store, read from {@link StoreConfig#options()} and validated, so
 * that a typo fails at startup with the option's name instead of being silently ignored.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code synchronous}</td><td>{@code FULL}</td><td>SQLite's {@code PRAGMA synchronous}:
 *       {@code FULL} makes every committed batch survive a power loss; {@code NORMAL} may lose
 *       the last batches on power loss (never on a process crash); {@code OFF} is for tests.
 *       One of {@code OFF}, {@code NORMAL}, {@code FULL}, {@code EXTRA}.</td></tr>
 *   <tr><td>{@code busy_timeout_ms}</td><td>5000</td><td>how long to wait for another process
 *       that holds the write lock before failing, in milliseconds</td></tr>
 *   <tr><td>{@code max_page_count}</td><td>none</td><td>the most pages the file may grow to
 *       (SQLite's {@code PRAGMA max_page_count}); beyond it writes fail as on a full disk</td></tr>
 *   <tr><td>{@code read_connections}</td><td>4</td><td>connections kept for reads, 1 to 64;
 *       reads beyond that many at once wait for a free one</td></tr>
 *   <tr><td>{@code wal_autocheckpoint}</td><td>16000</td><td>pages the write-ahead log may hold
 *       before the writer copies them back into the database (SQLite's
 *       {@code PRAGMA wal_autocheckpoint}; a page is 4 KiB). A page changed by many batches is
 *       copied once per checkpoint, so a larger log writes less under load, at the price of a
 *       larger {@code -wal} file; 0 turns automatic checkpoints off.</td></tr>
 *   <tr><td>{@code cache_size_kib}</td><td>65536</td><td>the write connection's page cache in KiB
 *       (SQLite's {@code PRAGMA cache_size}, negative form); the pages of active runs stay in
 *       memory instead of being read again for every batch. Memory is taken only as pages are
 *       read.</td></tr>
 * </table>
 *
 * @param synchronous       the synchronous level, upper case
 * @param busyTimeoutMs     the busy timeout, milliseconds, at least 0
 * @param maxPageCount      the page limit, or 0 for none
 * @param readConnections   the read connections, 1 to 64
 * @param walAutocheckpoint the auto-checkpoint threshold in pages, at least 0 (0 turns it off)
 * @param cacheSizeKib      the write connection's page cache in KiB, at least 0
 */
public record SqliteOptions(String synchronous, int busyTimeoutMs, long maxPageCount, int readConnections,
                            int walAutocheckpoint, int cacheSizeKib) {

    /** The option {@code synchronous}. */
    public static final String SYNCHRONOUS = "synchronous";
    /** The option {@code busy_timeout_ms}. */
    public static final String BUSY_TIMEOUT_MS = "busy_timeout_ms";
    /** The option {@code max_page_count}. */
    public static final String MAX_PAGE_COUNT = "max_page_count";
    /** The option {@code read_connections}. */
    public static final String READ_CONNECTIONS = "read_connections";
    /** The option {@code wal_autocheckpoint}. */
    public static final String WAL_AUTOCHECKPOINT = "wal_autocheckpoint";
    /** The option {@code cache_size_kib}. */
    public static final String CACHE_SIZE_KIB = "cache_size_kib";

    private static final Set<String> KNOWN = Set.of(SYNCHRONOUS, BUSY_TIMEOUT_MS, MAX_PAGE_COUNT, READ_CONNECTIONS,
            WAL_AUTOCHECKPOINT, CACHE_SIZE_KIB);
    private static final Set<String> SYNCHRONOUS_LEVELS = Set.of("OFF", "NORMAL", "FULL", "EXTRA");

    // After the sets above, which the constructor reads.
    /** The defaults, as in the table above. */
    public static final SqliteOptions DEFAULTS = new SqliteOptions("FULL", 5_000, 0, 4, 16_000, 65_536);

    /** Validates the values. */
    public SqliteOptions {
        synchronous = synchronous.toUpperCase(Locale.ROOT);
        if (!SYNCHRONOUS_LEVELS.contains(synchronous)) {
            throw new IllegalArgumentException(SYNCHRONOUS + " must be one of OFF, NORMAL, FULL, EXTRA, was "
                    + synchronous);
        }
        if (busyTimeoutMs < 0) {
            throw new IllegalArgumentException(BUSY_TIMEOUT_MS + " must be >= 0, was " + busyTimeoutMs);
        }
        if (maxPageCount < 0) {
            throw new IllegalArgumentException(MAX_PAGE_COUNT + " must be >= 1 (0 for no limit), was " + maxPageCount);
        }
        if (readConnections < 1 || readConnections > 64) {
            throw new IllegalArgumentException(READ_CONNECTIONS + " must be between 1 and 64, was " + readConnections);
        }
        if (walAutocheckpoint < 0) {
            throw new IllegalArgumentException(WAL_AUTOCHECKPOINT + " must be >= 0, was " + walAutocheckpoint);
        }
        if (cacheSizeKib < 0) {
            throw new IllegalArgumentException(CACHE_SIZE_KIB + " must be >= 0, was " + cacheSizeKib);
        }
    }

    /**
     * Reads the options of a store configuration.
     *
     * @param config the configuration
     * @return the options, defaults filled in
     * @throws StoreException naming the store, when an option is unknown or its value is invalid
     */
    public static SqliteOptions from(StoreConfig config) {
        Map<String, String> options = config.options();
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new StoreException("Unknown option(s) " + unknown + " for the sqlite store " + config.location()
                    + ". Known options: " + new TreeSet<>(KNOWN) + "; fix or remove the others.", null);
        }
        try {
            return new SqliteOptions(
                    options.getOrDefault(SYNCHRONOUS, DEFAULTS.synchronous),
                    intOption(options, BUSY_TIMEOUT_MS, DEFAULTS.busyTimeoutMs),
                    longOption(options, MAX_PAGE_COUNT, DEFAULTS.maxPageCount),
                    intOption(options, READ_CONNECTIONS, DEFAULTS.readConnections),
                    intOption(options, WAL_AUTOCHECKPOINT, DEFAULTS.walAutocheckpoint),
                    intOption(options, CACHE_SIZE_KIB, DEFAULTS.cacheSizeKib));
        } catch (IllegalArgumentException e) {
            throw new StoreException("Invalid option for the sqlite store " + config.location() + ": "
                    + e.getMessage() + ". Fix the value in the store configuration.", e);
        }
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        long value = longOption(options, name, fallback);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", was " + value);
        }
        return (int) value;
    }

    private static long longOption(Map<String, String> options, String name, long fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'", e);
        }
    }
}
