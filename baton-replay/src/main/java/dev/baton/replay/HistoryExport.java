package dev.baton.replay;

import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.engine.history.StoreHistories;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.StoreProvider;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Reads the histories of runs out of a store: each matching run with its durable calls, failed
 * attempts, signals and child runs, as {@link RunHistory}s or straight into a histories file.
 * It only reads; the store is not changed. The reading and the writing are the engine's
 * {@link StoreHistories}, which the server uses too.
 */
public final class HistoryExport {
    private final StoreHistories reader;

    /** @param store the store to read */
    public HistoryExport(Store store) {
        this(store, StoreHistories.PAGE);
    }

    HistoryExport(Store store, int pageSize) {
        this.reader = new StoreHistories(store, pageSize);
    }

    /**
     * Opens the store of {@code config} (the engine's store driver on the class path) for an export.
     *
     * @param config the store
     * @return the store, to close after the export
     * @throws StoreException when no driver of that kind is on the class path, or it cannot be opened
     */
    public static Store open(StoreConfig config) {
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class)) {
            if (provider.kind().equals(config.kind())) {
                return provider.open(config);
            }
        }
        throw new StoreException("no store of kind '" + config.kind() + "' is on the class path; add the dependency "
                + "dev.baton:baton-store-" + config.kind(), null);
    }

    /**
     * @param workflow only runs of this workflow, or null for all
     * @param statuses only runs in these states; empty for the states a run can still leave
     * @return the histories of the matching runs, newest run first
     */
    public List<RunHistory> histories(String workflow, Set<RunStatus> statuses) {
        List<RunHistory> histories = new ArrayList<>();
        reader.forEach(workflow, statuses, history -> histories.add(RunHistory.of(history, null)));
        return histories;
    }

    /**
     * Writes the histories of the matching runs as a histories file, one line per run.
     *
     * @param workflow only runs of this workflow, or null for all
     * @param statuses only runs in these states; empty for the states a run can still leave
     * @param out      where the lines go
     * @return the number of runs written
     */
    public int write(String workflow, Set<RunStatus> statuses, Writer out) {
        return reader.write(workflow, statuses, out);
    }

    /**
     * @param runId a run
     * @return its history, if the run is stored
     */
    public Optional<RunHistory> history(String runId) {
        return reader.history(runId).map(history -> RunHistory.of(history, null));
    }
}
