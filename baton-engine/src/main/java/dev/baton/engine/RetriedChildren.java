package dev.baton.engine;

import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Store;

import java.util.ArrayList;
import java.util.List;

/**
 * The child runs a retry of a failed run takes with it. The steps a retry runs again are the
 * failed ones after the run's last completed step; a child call among them whose child run
 * FAILED has that child retried too (from its own last checkpoint, and so on down), as
 * {@link dev.baton.engine.store.Write.RetryRun} does in the store. A child call whose child run
 * was CANCELLED cannot be retried: the cancel was on purpose.
 *
 * @param failed    the FAILED child runs retried with the run, parents before their children
 * @param cancelled the CANCELLED child runs whose end the run failed with, which refuse the retry
 */
record RetriedChildren(List<RunRow> failed, List<RunRow> cancelled) {

    static RetriedChildren of(Store store, String runId) {
        List<RunRow> failed = new ArrayList<>();
        List<RunRow> cancelled = new ArrayList<>();
        collect(store, runId, failed, cancelled);
        return new RetriedChildren(List.copyOf(failed), List.copyOf(cancelled));
    }

    private static void collect(Store store, String runId, List<RunRow> failed, List<RunRow> cancelled) {
        List<StepRow> steps = store.steps(runId);
        int lastCompleted = steps.stream().filter(s -> s.status() == StepStatus.COMPLETED).mapToInt(StepRow::seq)
                .max().orElse(0);
        for (StepRow step : steps) {
            if (step.kind() != StepKind.CHILD || step.status() != StepStatus.FAILED || step.seq() <= lastCompleted
                    || step.detail() == null) {
                continue;
            }
            RunRow child = store.findRun(step.detail()).orElse(null);
            if (child == null || !runId.equals(child.parentRunId())) {
                continue;
            }
            if (child.status() == RunStatus.FAILED) {
                failed.add(child);
                collect(store, child.id(), failed, cancelled);
            } else if (child.status() == RunStatus.CANCELLED) {
                cancelled.add(child);
            }
        }
    }
}
