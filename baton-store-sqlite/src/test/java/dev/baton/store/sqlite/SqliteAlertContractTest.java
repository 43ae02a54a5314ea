package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.engine.store.AlertStoreContract;
import dev.baton.engine.store.Store;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The alert tables' store contract, on a real SQLite file per test; a second store opens the same file. */
class SqliteAlertContractTest extends AlertStoreContract {
    @TempDir
    Path folder;
    private Path file;

    @Override
    protected Store openStore() {
        file = folder.resolve("store").resolve("baton.db");
        return SqliteStore.open(StoreConfig.sqlite(file));
    }

    @Override
    protected Store openSecondStoreOnSameDatabase() {
        return SqliteStore.open(StoreConfig.sqlite(file));
    }
}
