package dev.baton;

/**
 * The body of one item of a {@link Flow#forEach fan-out}: a durable step applied to one item.
 *
 * @param <T> the item type
 * @param <R> the result type, serialized as JSON
 */
@FunctionalInterface
public interface StepFunction<T, R> {
    /**
     * Processes one item.
     *
     * @param item the item
     * @return the item's result, checkpointed
     * @throws Exception a failed attempt; retried according to the step's {@link Retry} policy
     */
    R apply(T item) throws Exception;
}
