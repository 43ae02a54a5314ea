package dev.baton.engine.run;

import dev.baton.StepContext;

/**
 * The context of one step attempt, bound to the thread running its body.
 *
 * @param runId    the run
 * @param stepName the step
 * @param seq      its sequence number
 * @param attempt  the attempt number
 */
record RunningStep(String runId, String stepName, int seq, int attempt) implements StepContext {
    @Override
    public String idempotencyKey() {
        return runId + ":" + seq;
    }
}
