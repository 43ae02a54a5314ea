package dev.baton;

import java.time.Duration;

/** A started (or found) run. */
public interface RunHandle {

    /** @return the run's id */
    String runId();

    /** @return true when this call created the run, false when it existed already (idempotent start) */
    boolean created();

    /** @return the run as stored now */
    RunInfo info();

    /**
     * Waits until the run has finished or the timeout passed.
     *
     * @param timeout how long to wait at most
     * @return the run as stored then, finished or not
     */
    RunInfo await(Duration timeout);

    /**
     * Waits for the run's result.
     *
     * @param timeout how long to wait at most
     * @param <O>     the result type
     * @return the result, read back from its JSON
     * @throws RunFailedException when the run failed or was cancelled
     * @throws BatonException     when the timeout passed first
     */
    <O> O result(Duration timeout);
}
