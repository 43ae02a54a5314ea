package dev.baton.engine.run;

import dev.baton.StepOptions;
import dev.baton.engine.store.StepRow;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * The steps of a run that execute beside its workflow thread ({@code flow.async}, the items of
 * {@code flow.forEach}): each on a virtual thread of its own. The run neither ends nor releases its
 * thread while one is still running, so that no other worker can execute it again meanwhile.
 */
final class ParallelSteps {
    private final RunExecution execution;
    private final StepRunner steps;
    private final List<StepPromise<?>> outstanding = new CopyOnWriteArrayList<>();

    ParallelSteps(RunExecution execution, StepRunner steps) {
        this.execution = execution;
        this.steps = steps;
    }

    /**
     * Starts a step beside the workflow, or prepares its replay when history holds its outcome.
     *
     * @param context  the run's context
     * @param at       its sequence number
     * @param name     its name
     * @param options  retries, timeout, locks
     * @param body     the work
     * @param recorded what history holds at {@code at}, or null
     * @param slot     a slot of the fan-out's parallelism, released when the step ends, or null
     * @param <T>      the result type
     * @return the pending result
     */
    <T> StepPromise<T> start(RunContext context, int at, String name, StepOptions options, Callable<?> body,
                             StepRow recorded, Semaphore slot) {
        StepPromise<T> promise = new StepPromise<>(context, name);
        if (recorded != null && RunContext.isFinal(recorded.status())) {
            // Replayed on the workflow thread when awaited, so that a replayed cancel is delivered there.
            promise.replay(() -> steps.run(at, name, options, body, recorded, false));
            return promise;
        }
        outstanding.add(promise);
        Thread.ofVirtual().name("baton-step-" + execution.runId() + "-" + at).start(execution.host().clock().track(() -> {
            try {
                promise.complete(steps.run(at, name, options, body, recorded, false));
            } catch (Throwable t) {
                promise.fail(t);
            } finally {
                if (slot != null) {
                    slot.release();
                }
                outstanding.remove(promise);
                execution.wake();
            }
        }));
        return promise;
    }

    /** Waits for every step started beside the workflow. */
    void awaitAll() {
        while (!outstanding.isEmpty()) {
            parkAWhile();
        }
    }

    /** @param promise a step started beside the workflow; waits until it is done */
    void await(StepPromise<?> promise) {
        while (!promise.isDone()) {
            parkAWhile();
        }
    }

    private void parkAWhile() {
        execution.park(50);
        Throwable failure = execution.storeFailure();
        if (failure != null) {
            throw new StorePaused(failure);
        }
    }
}
