package dev.baton.engine.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to do with one fire, decided by {@link OverlapPolicy}. Each decision carries a reason
 * for the schedule's record, so that a fire that started nothing is explained.
 */
public sealed interface OverlapDecision {

    /** @return why, in words, for the record */
    String reason();

    /**
     * Start a run for the fire now.
     *
     * @param reason why
     */
    record Start(String reason) implements OverlapDecision {
    }

    /**
     * Start nothing; record the fire as skipped.
     *
     * @param reason why, naming the run still running
     */
    record Skip(String reason) implements OverlapDecision {
    }

    /**
     * Hold the fire and start it when the running run ends.
     *
     * @param fire     the logical time of the fire to hold
     * @param replaced the fire held before, which this one replaces and which is recorded as
     *                 skipped, if any
     * @param reason   why, naming the run still running and the replaced fire
     */
    record Buffer(Instant fire, Optional<Instant> replaced, String reason) implements OverlapDecision {
    }

    /**
     * Cancel the running runs, then start a run for the fire.
     *
     * @param cancel         the runs to cancel
     * @param droppedBuffered a held fire to drop along with them, if any
     * @param reason         why, naming the runs cancelled
     */
    record CancelPreviousAndStart(List<String> cancel, Optional<Instant> droppedBuffered, String reason)
            implements OverlapDecision {
        /** Copies the list. */
        public CancelPreviousAndStart {
            cancel = List.copyOf(cancel);
        }
    }
}
