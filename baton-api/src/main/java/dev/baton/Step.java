package dev.baton;

/**
 * The body of a durable step that returns a value. It runs at least once and, once its result is
 * checkpointed, never again for the same run. Inside the body, {@link StepContext#current()} gives
 * the run id, the attempt number and an idempotency key for outside systems.
 *
 * @param <T> the result type, serialized as JSON
 */
@FunctionalInterface
public interface Step<T> {
    /**
     * Executes the step's work.
     *
     * @return the result, checkpointed before the workflow continues
     * @throws Exception a failed attempt; retried according to the step's {@link Retry} policy
     */
    T call() throws Exception;
}
