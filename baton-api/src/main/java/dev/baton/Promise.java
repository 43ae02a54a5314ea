package dev.baton;

/**
 * The pending result of a step started with {@link Flow#async}. Await it from the workflow
 * thread; awaiting is not a durable call, so it may be done in any order.
 *
 * @param <T> the result type
 */
public interface Promise<T> {

    /**
     * Waits for the step to finish and returns its result.
     *
     * @return the step's result
     * @throws StepFailedException when the step failed after its last attempt
     * @throws RunCancelledException when the run is cancelled while waiting
     */
    T await();

    /** @return true once the step has finished, successfully or not */
    boolean isDone();
}
