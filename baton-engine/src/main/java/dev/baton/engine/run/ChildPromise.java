package dev.baton.engine.run;

import dev.baton.Promise;
import dev.baton.StepStatus;
import dev.baton.engine.store.StepRow;

/**
 * The pending result of a child run. Awaiting it is a durable wait on the parent's CHILD call,
 * which the child's end completes in the same transaction; a long wait releases the parent's
 * thread like any other.
 *
 * @param <O> the child's result type
 */
final class ChildPromise<O> implements Promise<O> {
    private final RunContext context;
    private final RunExecution execution;
    private final int at;
    private final String workflow;
    private final String childId;

    ChildPromise(RunContext context, RunExecution execution, int at, String workflow, String childId) {
        this.context = context;
        this.execution = execution;
        this.at = at;
        this.workflow = workflow;
        this.childId = childId;
    }

    @Override
    public O await() {
        context.begin("await child");
        RunHost host = execution.host();
        String what = "child run " + childId + " (" + workflow + ")";
        WaitResult<StepRow> result = context.waiting().await(at, what, null, () -> host.store().step(execution.runId(), at)
                .filter(step -> RunContext.isFinal(step.status())).orElse(null), true);
        if (result.outcome() == WaitResult.Outcome.CANCELLED) {
            host.cancelChildren(execution.runId());
            throw context.cancelledAt(what);
        }
        StepRow step = result.value();
        if (step.status() == StepStatus.COMPLETED) {
            @SuppressWarnings("unchecked")
            O value = (O) host.codec().decode(step.output(), step.outputType(), "result of " + what);
            return value;
        }
        throw context.replayedFailure(step);
    }

    @Override
    public boolean isDone() {
        return execution.host().store().step(execution.runId(), at).map(step -> RunContext.isFinal(step.status()))
                .orElse(false);
    }
}
