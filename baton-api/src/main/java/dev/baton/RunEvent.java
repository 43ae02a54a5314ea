package dev.baton;

import java.time.Instant;

/**
 * A progress event delivered to {@link RunListener}s as runs execute in this process.
 *
 * @param at       when
 * @param type     what happened
 * @param runId    the run
 * @param workflow the run's workflow
 * @param step     the step's name, for step events, else null
 * @param seq      the step's sequence number, else 0
 * @param attempt  the attempt number, for step events, else 0
 * @param detail   more, in words: a result, an error, a retry delay, what a run waits for
 */
public record RunEvent(Instant at, Type type, String runId, String workflow, String step, int seq, int attempt,
                       String detail) {

    /** Kinds of progress event. */
    public enum Type {
        /** A run began executing for the first time. */
        RUN_STARTED,
        /** A run resumed by replay: after a wait, a restart or a crash. */
        RUN_RESUMED,
        /** A step attempt began. */
        STEP_STARTED,
        /** A step finished; its result is durable. */
        STEP_COMPLETED,
        /** A step attempt failed; detail says whether and when it is retried. */
        STEP_FAILED,
        /** A run waits: timer, signal, child run or backoff. */
        RUN_WAITING,
        /** A run finished with a result. */
        RUN_COMPLETED,
        /** A run finished with an error. */
        RUN_FAILED,
        /** A run finished cancelled. */
        RUN_CANCELLED,
        /** A run was skipped: a lock it needed was taken under the SKIP policy. */
        RUN_SKIPPED,
        /** A run paused because the store could not be written; it resumes when the store works. */
        RUN_PAUSED
    }
}
