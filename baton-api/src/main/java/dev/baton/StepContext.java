package dev.baton;

import dev.baton.spi.StepContextBinding;

/**
 * What a running step knows about itself. Obtain it inside a step body with {@link #current()}.
 */
public interface StepContext {

    /** @return the run's id */
    String runId();

    /** @return the step's name */
    String stepName();

    /** @return the step's sequence number within the run */
    int seq();

    /** @return the attempt number, from 1 */
    int attempt();

    /**
     * A key that is the same for every attempt of this step of this run, and differs between
     * steps and runs: hand it to outside systems so that a step executed again after a crash is
     * recognised as a duplicate.
     *
     * @return the idempotency key
     */
    String idempotencyKey();

    /**
     * @return the context of the step running on this thread
     * @throws IllegalStateException outside a step body
     */
    static StepContext current() {
        StepContext context = StepContextBinding.get();
        if (context == null) {
            throw new IllegalStateException("StepContext.current() was called outside a step body; "
                    + "call it inside the lambda passed to flow.step(...)");
        }
        return context;
    }
}
