package dev.baton.engine.history;

import dev.baton.RunStatus;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;

import java.util.List;
import java.util.Objects;

/**
 * What one run recorded, as read out of a store: the run's row and, in sequence order, every
 * durable call it made, with the failed attempts of its steps, the signals sent to it and the
 * child runs it started. One line of a histories file ({@link HistoryLines}).
 *
 * @param run      the run as stored, without its lease
 * @param steps    its durable calls in sequence order
 * @param attempts the failed attempts of its steps
 * @param signals  every signal sent to it, consumed or not, in arrival order
 * @param children the child runs it started
 */
public record StoredHistory(RunRow run, List<StepRow> steps, List<AttemptRow> attempts, List<SignalRow> signals,
                            List<Child> children) {

    /** Copies the lists. */
    public StoredHistory {
        Objects.requireNonNull(run, "run");
        steps = List.copyOf(steps);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        signals = signals == null ? List.of() : List.copyOf(signals);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /**
     * A child run started by the run.
     *
     * @param seq      the parent's call that started it
     * @param runId    the child's id
     * @param workflow the child's workflow
     * @param status   the child's state when read, or null when it was not found
     */
    public record Child(int seq, String runId, String workflow, RunStatus status) {
    }
}
