package dev.baton.engine.store;

import dev.baton.StoreConfig;

/** Opens a store of one kind; found with {@link java.util.ServiceLoader}. */
public interface StoreProvider {
    /** @return the kind this provider opens, e.g. {@code sqlite} */
    String kind();

    /**
     * Opens the store and migrates its schema to the current version.
     *
     * @param config the configuration
     * @return the open store
     * @throws dev.baton.StoreException when it cannot be opened, with the reason and what to do
     */
    Store open(StoreConfig config);
}
