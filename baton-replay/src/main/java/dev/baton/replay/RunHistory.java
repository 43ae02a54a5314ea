package dev.baton.replay;

import dev.baton.RunStatus;
import dev.baton.engine.history.StoredHistory;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;

import java.util.List;
import java.util.Objects;

/**
 * What one run recorded, as exported from an environment: the run's row and, in sequence order,
 * every durable call it made, with the failed attempts of its steps, the signals sent to it and
 * the child runs it started. It is what the engine reads when it resumes the run, so replaying it
 * on new code shows whether the new code can take the run over.
 *
 * @param run      the run as stored
 * @param steps    its durable calls in sequence order
 * @param attempts the failed attempts of its steps
 * @param signals  every signal sent to it, consumed or not, in arrival order
 * @param children the child runs it started
 * @param source   where it was read from, e.g. {@code histories.jsonl:3}, for messages; or null
 */
public record RunHistory(RunRow run, List<StepRow> steps, List<AttemptRow> attempts, List<SignalRow> signals,
                         List<ChildRun> children, String source) {

    /** Copies the lists. */
    public RunHistory {
        Objects.requireNonNull(run, "run");
        steps = List.copyOf(steps);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        signals = signals == null ? List.of() : List.copyOf(signals);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /**
     * @param history a run's history as read out of a store
     * @param source  where it was read from, for messages; or null
     * @return it, for the replay
     */
    public static RunHistory of(StoredHistory history, String source) {
        return new RunHistory(history.run(), history.steps(), history.attempts(), history.signals(),
                history.children().stream().map(c -> new ChildRun(c.seq(), c.runId(), c.workflow(), c.status())).toList(),
                source);
    }

    /** @return this history in the shape the engine writes as a line of a histories file */
    public StoredHistory stored() {
        return new StoredHistory(run, steps, attempts, signals,
                children.stream().map(c -> new StoredHistory.Child(c.seq(), c.runId(), c.workflow(), c.status())).toList());
    }

    /** @return the run's id */
    public String runId() {
        return run.id();
    }

    /** @return the run's workflow */
    public String workflow() {
        return run.workflow();
    }

    /** @return where the history came from, or the run id when not read from a file */
    public String origin() {
        return source != null ? source : "run " + run.id();
    }

    /**
     * A child run started by the run.
     *
     * @param seq      the parent's call that started it
     * @param runId    the child's id
     * @param workflow the child's workflow
     * @param status   the child's state when exported, or null when it was not found
     */
    public record ChildRun(int seq, String runId, String workflow, RunStatus status) {
    }
}
