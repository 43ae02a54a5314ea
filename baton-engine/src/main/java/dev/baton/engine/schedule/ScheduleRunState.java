package dev.baton.engine.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a schedule's earlier fires left behind when a new fire comes: the runs it started that
 * are still running, and the fire held by {@link dev.baton.Overlap#BUFFER_ONE}, if any. A fire
 * is held only while a run is running: when the last one ends, the held fire starts.
 *
 * @param running  ids of the runs the schedule started that have not ended, oldest first
 * @param buffered the logical time of the held fire, if any
 */
public record ScheduleRunState(List<String> running, Optional<Instant> buffered) {

    private static final ScheduleRunState IDLE = new ScheduleRunState(List.of(), Optional.empty());

    /** Copies the list and checks that a held fire comes with a running run. */
    public ScheduleRunState {
        running = List.copyOf(running);
        Objects.requireNonNull(buffered, "buffered");
        if (buffered.isPresent() && running.isEmpty()) {
            throw new IllegalArgumentException("buffered fire " + buffered.get()
                    + " must come with a running run; a held fire starts when the last run ends");
        }
    }

    /** @return no run running, no fire held */
    public static ScheduleRunState idle() {
        return IDLE;
    }

    /**
     * @param runIds the runs still running, oldest first
     * @return the state
     */
    public static ScheduleRunState running(String... runIds) {
        return new ScheduleRunState(List.of(runIds), Optional.empty());
    }

    /**
     * @param fire the logical time of the held fire
     * @return a copy holding it
     */
    public ScheduleRunState withBuffered(Instant fire) {
        return new ScheduleRunState(running, Optional.of(fire));
    }

    /** @return whether any run of the schedule is running */
    public boolean isRunning() {
        return !running.isEmpty();
    }
}
