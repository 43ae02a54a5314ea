package dev.baton;

/** The state of a run. */
public enum RunStatus {
    /** Stored, not yet picked up by a worker. */
    PENDING,
    /** Executing on a worker. */
    RUNNING,
    /** Waiting for a timer, a signal, a child run or a retry backoff. */
    WAITING,
    /** Finished with a result. */
    COMPLETED,
    /** Finished with an error. */
    FAILED,
    /** Cancelled on request. */
    CANCELLED,
    /** Not run: a lock it needed was taken and the lock's policy is {@link LockPolicy#SKIP}. */
    SKIPPED;

    /** @return whether the run has finished and will not change again */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == SKIPPED;
    }
}
