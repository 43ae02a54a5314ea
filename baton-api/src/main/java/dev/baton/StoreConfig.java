package dev.baton;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where runs are stored.
 *
 * @param kind     the store's kind, e.g. {@code sqlite}
 * @param location the file or URL
 * @param options  kind-specific settings, e.g. {@code synchronous=FULL} for SQLite
 */
public record StoreConfig(String kind, String location, Map<String, String> options) {
    /** Copies the options. */
    public StoreConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        options = Map.copyOf(options);
    }

    /**
     * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so that a
     * checkpoint survives a power loss once the step's caller continues.
     *
     * @param file the database file; created with its folders when missing
     * @return the configuration
     */
    public static StoreConfig sqlite(Path file) {
        return new StoreConfig("sqlite", file.toString(), Map.of());
    }

    /**
     * @param key   a setting
     * @param value its value
     * @return a copy with the setting
     */
    public StoreConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        copy.put(key, value);
        return new StoreConfig(kind, location, copy);
    }
}
