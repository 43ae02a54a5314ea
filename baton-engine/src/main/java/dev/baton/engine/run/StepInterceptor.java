package dev.baton.engine.run;

import java.util.concurrent.Callable;

/**
 * Surrounds the execution of a step's body. The engine's default runs the body; the test kit uses
 * this to stub a step's outcome or make it slow, and the replay check to stop where history ends.
 * It is called for each attempt that executes, never for a step whose outcome is replayed from
 * history.
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
