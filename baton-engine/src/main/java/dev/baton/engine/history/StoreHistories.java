package dev.baton.engine.history;

import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the histories of runs out of a store, page by page: each matching run with its durable
 * calls, failed attempts, signals and child runs, handed on one at a time or written straight as
 * a histories file ({@link HistoryLines}). It only reads; the store is not changed.
 */
public final class StoreHistories {
    /** The runs of a store read per query. */
    public static final int PAGE = 1_000;
    /** The states a run can still leave: what is exported when no state is asked for. */
    public static final Set<RunStatus> IN_FLIGHT = Set.of(RunStatus.PENDING, RunStatus.RUNNING, RunStatus.WAITING);

    private final Store store;
    private final int pageSize;

    /** @param store the store to read */
    public StoreHistories(Store store) {
        this(store, PAGE);
    }

    /** @param store the store to read @param pageSize the runs read per query, at least 1 */
    public StoreHistories(Store store, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        this.store = store;
        this.pageSize = pageSize;
    }

    /**
     * Writes the histories of the matching runs as a histories file, one line per run.
     *
     * @param workflow only runs of this workflow, or null for all
     * @param statuses only runs in these states; empty for the states a run can still leave
     * @param out      where the lines go; flushed, not closed
     * @return the number of runs written
     * @throws UncheckedIOException when writing fails
     */
    public int write(String workflow, Set<RunStatus> statuses, Writer out) {
        int[] count = {0};
        forEach(workflow, statuses, history -> {
            try {
                out.write(HistoryLines.line(history));
                out.write('\n');
                count[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the history of run " + history.run().id(), e);
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
    public Optional<StoredHistory> history(String runId) {
        return store.findRun(runId).map(this::historyOf);
    }

    /**
     * Hands on the history of every matching run, newest run first, each once.
     *
     * @param workflow only runs of this workflow, or null for all
     * @param statuses only runs in these states; null or empty for the states a run can still leave
     * @param sink     receives each history
     */
    public void forEach(String workflow, Set<RunStatus> statuses, Consumer<StoredHistory> sink) {
        Set<RunStatus> wanted = statuses == null || statuses.isEmpty() ? IN_FLIGHT : statuses;
        // Paged by creation time (newest first) rather than by offset, so that runs created or
        // finished during the export do not shift the pages; a run seen twice (at a page's
        // boundary millisecond) is written once.
        RunQuery query = new RunQuery(workflow, wanted, null, null, pageSize, 0);
        Set<String> done = new HashSet<>();
        Instant before = null;
        while (true) {
            List<RunRow> page = store.listRuns(query.withCreated(null, before));
            emit(page, done, sink);
            if (page.size() < pageSize) {
                return;
            }
            long last = page.get(page.size() - 1).createdAt();
            if (page.get(0).createdAt() == last) {
                // A whole page created in one millisecond: that millisecond is read by offset.
                Instant from = Instant.ofEpochMilli(last);
                for (int offset = pageSize; ; offset += pageSize) {
                    List<RunRow> more = store.listRuns(query.withCreated(from, from.plusMillis(1)).withOffset(offset));
                    emit(more, done, sink);
                    if (more.size() < pageSize) {
                        break;
                    }
                }
                before = from;
            } else {
                before = Instant.ofEpochMilli(last + 1);
            }
        }
    }

    private void emit(List<RunRow> runs, Set<String> done, Consumer<StoredHistory> sink) {
        for (RunRow run : runs) {
            if (done.add(run.id())) {
                sink.accept(historyOf(run));
            }
        }
    }

    private StoredHistory historyOf(RunRow run) {
        List<StepRow> steps = store.steps(run.id());
        List<StoredHistory.Child> children = new ArrayList<>();
        for (StepRow step : steps) {
            if (step.kind() == StepKind.CHILD && step.detail() != null) {
                RunStatus status = store.findRun(step.detail()).map(RunRow::status).orElse(null);
                children.add(new StoredHistory.Child(step.seq(), step.detail(), step.name(), status));
            }
        }
        // The lease is this environment's business, not the history's.
        RunRow row = new RunRow(run.id(), run.workflow(), run.status(), run.input(), run.output(), run.outputType(),
                run.error(), run.idempotencyKey(), run.parentRunId(), run.parentSeq(), null, 0, run.wakeAt(),
                run.waitingFor(), run.cancelRequested(), run.createdAt(), run.startedAt(), run.endedAt(),
                run.updatedAt(), run.priority(), run.logicalTime(), run.codeVersion());
        return new StoredHistory(row, steps, store.attempts(run.id()), store.signals(run.id()), children);
    }
}
