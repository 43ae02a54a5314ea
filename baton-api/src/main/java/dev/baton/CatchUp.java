package dev.baton;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Schedule} does about fires it missed while no worker ran (a deploy, an outage):
 * fires whose time passed without being handled. The default is {@link #latest()}.
 *
 * <p>A fire counts as missed only when its time, jitter included, has passed; a fire still
 * waiting out its jitter is not missed. Missed fires that are started go through the
 * schedule's {@link Overlap} policy like any fire, in the order of their logical times.
 * A newly registered schedule has missed nothing: it does not run for times before it existed.
 * To run a schedule over a past range on purpose, use a backfill.
 *
 * <p>Immutable. Compare with {@code equals}; switch over the three record types.
 */
public sealed interface CatchUp permits CatchUp.None, CatchUp.Latest, CatchUp.All {

    /** @return drop every missed fire; the schedule resumes with its next future fire */
    static CatchUp none() {
        return None.INSTANCE;
    }

    /**
     * @return start one run for the most recent missed fire and drop the older ones; the
     *         default, because a job that missed three nightly runs usually needs to run once,
     *         now, for the latest night
     */
    static CatchUp latest() {
        return Latest.INSTANCE;
    }

    /**
     * Starts a run for every missed fire whose logical time lies within {@code window} before
     * now, oldest first; older missed fires are dropped. For jobs where each fire processes its
     * own period (an hourly partition) and a limited past is worth redoing.
     *
     * @param window how far back missed fires are still started, greater than zero
     * @return the policy
     * @throws IllegalArgumentException naming {@code window} when it is not greater than zero
     */
    static CatchUp all(Duration window) {
        return new All(window);
    }

    /** Drops every missed fire. Obtain it with {@link CatchUp#none()}. */
    record None() implements CatchUp {
        private static final None INSTANCE = new None();

        @Override
        public String toString() {
            return "none()";
        }
    }

    /** Starts the most recent missed fire only. Obtain it with {@link CatchUp#latest()}. */
    record Latest() implements CatchUp {
        private static final Latest INSTANCE = new Latest();

        @Override
        public String toString() {
            return "latest()";
        }
    }

    /**
     * Starts every missed fire within {@code window} before now. Obtain it with
     * {@link CatchUp#all(Duration)}.
     *
     * @param window how far back missed fires are still started, greater than zero
     */
    record All(Duration window) implements CatchUp {

        /** Validates the window; the message names the field and the bad value. */
        public All {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be > 0, was " + window);
            }
        }

        @Override
        public String toString() {
            return "all(" + window + ")";
        }
    }
}
