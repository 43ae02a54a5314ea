package dev.baton;

/** The body of a durable step that returns nothing. Same guarantees as {@link Step}. */
@FunctionalInterface
public interface StepAction {
    /**
     * Executes the step's work.
     *
     * @throws Exception a failed attempt; retried according to the step's {@link Retry} policy
     */
    void run() throws Exception;
}
