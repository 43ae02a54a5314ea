package dev.baton.engine.run;

import java.util.concurrent.Callable;

/**
 * Surrounds the execution of a step's body. The engine's default runs the body; the test kit uses
 * this to stub a step's outcome or make it slow, and the replay check to stop where history ends.
 * It is called for each attempt that executes, never for a step whose outcome is replayed from
 * history.
 *
 * <p>{@link #stopBefore} is asked before anything new happens: before each step attempt executes
 * (before it is recorded as started) and before the run waits for something history has not
 * recorded (a timer, a signal, a child run, a retry's backoff, a lock). Answering true stops the
 * execution there as the engine does when it releases a run's thread: the workflow code is
 * unwound, nothing more is recorded for the run, and the run stays as it is in the store.
 */
@FunctionalInterface
public interface StepInterceptor {

    /** Runs the body unchanged. */
    StepInterceptor NONE = (call, body) -> body.call();

    /**
     * @param call which step of which run, and which attempt
     * @param body the step's own work; call it to proceed
     * @return the step's result
     * @throws Exception the step's failure
     */
    Object around(StepCall call, Callable<?> body) throws Exception;

    /**
     * @param next what the run is about to do that history has not recorded
     * @return true to stop the execution before it; by default false
     */
    default boolean stopBefore(NewWork next) {
        return false;
    }

    /**
     * Something a run is about to do that history has not recorded.
     *
     * @param runId    the run
     * @param workflow the run's workflow
     * @param seq      the sequence number of the call it belongs to (0 for the run's own locks)
     * @param what     in words, e.g. {@code step 'charge' (attempt 1)} or {@code wait for signal 'approve'}
     */
    record NewWork(String runId, String workflow, int seq, String what) {
    }

    /**
     * One attempt of one step about to execute.
     *
     * @param runId    the run
     * @param workflow the run's workflow
     * @param stepName the step's name
     * @param seq      the step's sequence number in the run
     * @param attempt  the attempt, from 1
     */
    record StepCall(String runId, String workflow, String stepName, int seq, int attempt) {
    }
}
