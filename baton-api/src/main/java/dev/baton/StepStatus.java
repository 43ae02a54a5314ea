package dev.baton;

/** The state of one durable call in a run's history. */
public enum StepStatus {
    /** An attempt is executing (or was, when its worker died). */
    RUNNING,
    /** Waiting: a sleep, a signal, a child run, or a backoff before the next attempt. */
    WAITING,
    /** Finished; its result is checkpointed. */
    COMPLETED,
    /** Failed after its last attempt; the failure is checkpointed. */
    FAILED,
    /** Interrupted by the run's cancellation. */
    CANCELLED
}
