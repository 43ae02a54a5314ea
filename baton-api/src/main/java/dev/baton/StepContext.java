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
     * The fencing token of a lock or pool this step (or its run) holds: a number greater than
     * every token handed out before for that name. Hand it to the system the lock protects, so
     * that it can refuse the late writes of a holder that lost the lock (a worker that stalled).
     *
     * @param lock the lock's name
     * @return the token
     * @throws IllegalStateException when neither the step nor its run holds the lock
     */
    long fencingToken(String lock);

    /**
     * Resolves a secret for this step from the engine's {@link SecretProvider}. The value is
     * masked wherever the engine would write it; hand it to the outside system, never return it.
     *
     * @param name the secret's name
     * @return its value
     * @throws BatonException naming the secret (not its value) when no provider knows it
     */
    String secret(String name);

    /**
     * Appends a line to this attempt's log, stored with the step and shown by {@code baton logs}.
     *
     * @param stream where the line comes from, e.g. {@code stdout}, {@code stderr}, {@code log}
     * @param line   the line, without its line break
     */
    void log(String stream, String line);

    /**
     * @return the context of the step running on this thread, or empty outside a step body (for
     *         log appenders that forward a step's lines to {@link #log})
     */
    static java.util.Optional<StepContext> find() {
        return java.util.Optional.ofNullable(StepContextBinding.get());
    }

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
