package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.StoreProvider;

/**
 * Opens stores of kind {@code sqlite}: one SQLite file, created with its folders when missing.
 * Found by {@link java.util.ServiceLoader}; options are described in {@link SqliteOptions}.
 */
public final class SqliteStoreProvider implements StoreProvider {
    /** The kind this provider opens. */
    public static final String KIND = "sqlite";

    /** Used by {@link java.util.ServiceLoader}. */
    public SqliteStoreProvider() {
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Store open(StoreConfig config) {
        return SqliteStore.open(config);
    }
}
