package dev.baton.engine.simulate;

import java.time.Duration;
import java.time.Instant;

/**
 * Something the simulation found that a reviewer should know about.
 *
 * @param kind        what
 * @param workflow    the workflow concerned
 * @param at          when it happens
 * @param logicalTime the logical time of the run or fire concerned
 * @param duration    how long (a wait, a lateness), or null
 * @param detail      the explanation, naming the runs and locks involved
 */
public record Finding(Kind kind, String workflow, Instant at, Instant logicalTime, Duration duration, String detail) {

    /** What a finding is about. */
    public enum Kind {
        /** A fire started no run: the overlap policy skipped it, or a newer held fire replaced it. */
        FIRE_SKIPPED,
        /** A run waited longer than the threshold for a lock or pool. */
        LONG_WAIT,
        /** A run waited for a lock or pool: the lock serialised two runs that would have overlapped. */
        LOCK_WAIT,
        /** A run ended SKIPPED because a lock it needed was taken and its policy is SKIP. */
        LOCK_SKIPPED,
        /** A run failed because a lock was taken under policy FAIL, or its maximum wait passed. */
        LOCK_FAILED,
        /** A run was cancelled by a newer fire of its schedule (overlap CANCEL_PREVIOUS). */
        CANCELLED,
        /** A run ended after its deadline, or had not ended by it. */
        DEADLINE_MISSED
    }

    /** @return what identifies the finding across two simulations of different manifests: kind, workflow, logical time */
    public String key() {
        return kind + " " + workflow + " " + logicalTime;
    }
}
