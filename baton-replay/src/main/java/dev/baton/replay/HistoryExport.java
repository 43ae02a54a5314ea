package dev.baton.replay;

import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.StoreProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Reads the histories of runs out of a store: each matching run with its durable calls, failed
 * attempts, signals and child runs, as {@link RunHistory}s or straight into a histories file.
 * It only reads; the store is not changed.
 */
public final class HistoryExport {
    private static final int PAGE = 1_000;

    private final Store store;
    private final int pageSize;

    /** @param store the store to read */
    public HistoryExport(Store store) {
        this(store, PAGE);
    }

    HistoryExport(Store store, int pageSize) {
        this.store = store;
        this.pageSize = pageSize;
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
        forEach(workflow, statuses, histories::add);
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
        int[] count = {0};
        forEach(workflow, statuses, history -> {
            try {
                out.write(HistoryFormat.line(history));
                out.write('\n');
                count[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the history of run " + history.runId(), e);
            }
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the histories", e);
        }
        return count[0];
    }

    /**
     * @param runId a run
     * @return its history, if the run is stored
     */
    public java.util.Optional<RunHistory> history(String runId) {
        return store.findRun(runId).map(this::historyOf);
    }

    private void forEach(String workflow, Set<RunStatus> statuses, java.util.function.Consumer<RunHistory> sink) {
        Set<RunStatus> wanted = statuses == null || statuses.isEmpty()
                ? Set.of(RunStatus.PENDING, RunStatus.RUNNING, RunStatus.WAITING) : statuses;
        // Paged by creation time (newest first) rather than by offset, so that runs created or
        // finished during the export do not shift the pages; a run seen twice (at a page's
        // boundary millisecond) is written once.
        RunQuery query = new RunQuery(workflow, wanted, null, null, pageSize, 0);
        Set<String> done = new java.util.HashSet<>();
        java.time.Instant before = null;
        while (true) {
            List<RunRow> page = store.listRuns(query.withCreated(null, before));
            emit(page, done, sink);
            if (page.size() < pageSize) {
                return;
            }
            long last = page.get(page.size() - 1).createdAt();
            if (page.get(0).createdAt() == last) {
                // A whole page created in one millisecond: that millisecond is read by offset.
                java.time.Instant from = java.time.Instant.ofEpochMilli(last);
                for (int offset = pageSize; ; offset += pageSize) {
                    List<RunRow> more = store.listRuns(query.withCreated(from, from.plusMillis(1)).withOffset(offset));
                    emit(more, done, sink);
                    if (more.size() < pageSize) {
                        break;
                    }
                }
                before = from;
            } else {
                before = java.time.Instant.ofEpochMilli(last + 1);
            }
        }
    }

    private void emit(List<RunRow> runs, Set<String> done, java.util.function.Consumer<RunHistory> sink) {
        for (RunRow run : runs) {
            if (done.add(run.id())) {
                sink.accept(historyOf(run));
            }
        }
    }

    private RunHistory historyOf(RunRow run) {
        List<StepRow> steps = store.steps(run.id());
        List<RunHistory.ChildRun> children = new ArrayList<>();
        for (StepRow step : steps) {
            if (step.kind() == StepKind.CHILD && step.detail() != null) {
                RunStatus status = store.findRun(step.detail()).map(RunRow::status).orElse(null);
                children.add(new RunHistory.ChildRun(step.seq(), step.detail(), step.name(), status));
            }
        }
        // The lease is this environment's business, not the history's.
        RunRow row = new RunRow(run.id(), run.workflow(), run.status(), run.input(), run.output(), run.outputType(),
                run.error(), run.idempotencyKey(), run.parentRunId(), run.parentSeq(), null, 0, run.wakeAt(),
                run.waitingFor(), run.cancelRequested(), run.createdAt(), run.startedAt(), run.endedAt(),
                run.updatedAt(), run.priority(), run.logicalTime(), run.codeVersion());
        return new RunHistory(row, steps, store.attempts(run.id()), store.signals(run.id()), children, null);
    }
}
