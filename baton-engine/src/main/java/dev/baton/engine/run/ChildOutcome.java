package dev.baton.engine.run;

import dev.baton.RunCancelledException;
import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.codec.Encoded;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;

import java.util.List;
import java.util.Optional;

/**
 * Hands a finished child run's outcome to the parent: the parent's awaiting call is completed
 * (or failed) and the parent made due, in the same transaction as the child's end, so that a
 * crash between the two cannot leave the parent waiting for ever.
 */
public final class ChildOutcome {
    private ChildOutcome() {
    }

    /**
     * @param host      the engine
     * @param child     the child run (nothing is written for a run without a parent)
     * @param status    how it ended
     * @param output    its result, or null
     * @param errorJson its error, or null
     * @param now       now, epoch ms
     * @return the writes to add to the child's finishing transaction
     */
    public static List<Write> writes(RunHost host, RunRow child, RunStatus status, Encoded output, String errorJson,
                                     long now) {
        if (child.parentRunId() == null) {
            return List.of();
        }
        Optional<StepRow> awaiting = host.store().step(child.parentRunId(), child.parentSeq());
        if (awaiting.isEmpty() || awaiting.get().kind() != StepKind.CHILD) {
            return List.of();
        }
        StepRow step = awaiting.get();
        String error = errorJson;
        if (status == RunStatus.CANCELLED) {
            error = host.codec().errorJson(host.codec().errorInfo(
                    new RunCancelledException(child.id(), "child run of " + child.parentRunId())));
        }
        boolean completed = status == RunStatus.COMPLETED;
        return List.of(
                new Write.UpsertStep(new StepRow(step.runId(), step.seq(), step.name(), step.kind(),
                        completed ? StepStatus.COMPLETED : StepStatus.FAILED, step.attempts(), step.startedAt(), now,
                        null, output == null ? null : output.json(), output == null ? null : output.type(),
                        completed ? null : error, step.detail())),
                new Write.WakeRun(child.parentRunId(), now));
    }
}
