package dev.baton.engine.schedule;

import dev.baton.Schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to run a schedule over a past range on purpose: the schedule's logical fires in
 * [{@code from}, {@code to}), in order, each to start one run that receives its logical time,
 * at most {@link BackfillParallelism#maxConcurrentRuns()} at once. Backfill runs pass by the
 * schedule's overlap and catch-up policies and carry no jitter; they are not "previous runs"
 * of the schedule for its own fires.
 *
 * <p>A range with no fires gives an empty backfill rather than an error, so that a caller can
 * say "nothing to do" in its own words.
 *
 * @param workflow    the workflow the schedule belongs to
 * @param scheduleId  the schedule's id
 * @param fires       the logical fires to run, strictly increasing
 * @param parallelism how many of the backfill's runs may run at once
 */
public record Backfill(String workflow, String scheduleId, List<Instant> fires, BackfillParallelism parallelism) {

    /** The most fires one backfill may hold unless the caller allows more: 1,000. */
    public static final int DEFAULT_MAX_FIRES = 1_000;

    /** Copies the list. */
    public Backfill {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(scheduleId, "scheduleId");
        fires = List.copyOf(fires);
        Objects.requireNonNull(parallelism, "parallelism");
    }

    /**
     * A sequential backfill of at most {@link #DEFAULT_MAX_FIRES} fires; see
     * {@link #plan(String, Schedule, Instant, Instant, Instant, int, BackfillParallelism)}.
     *
     * @param workflow the workflow the schedule belongs to, for messages
     * @param schedule the schedule
     * @param from     the first instant of the range, included
     * @param to       the end of the range, excluded; not after {@code now}
     * @param now      the current instant
     * @return the backfill
     */
    public static Backfill plan(String workflow, Schedule schedule, Instant from, Instant to, Instant now) {
        return plan(workflow, schedule, from, to, now, DEFAULT_MAX_FIRES, BackfillParallelism.sequential());
    }

    /**
     * @param workflow    the workflow the schedule belongs to, for messages
     * @param schedule    the schedule
     * @param from        the first instant of the range, included
     * @param to          the end of the range, excluded; not after {@code now}
     * @param now         the current instant
     * @param maxFires    the most fires accepted, at least 1
     * @param parallelism how many of the backfill's runs may run at once
     * @return the backfill
     * @throws IllegalArgumentException naming the workflow, the field and the value when
     *         {@code from} is not before {@code to}, {@code to} is after now, or the range holds
     *         more than {@code maxFires} fires
     */
    public static Backfill plan(String workflow, Schedule schedule, Instant from, Instant to, Instant now,
                                int maxFires, BackfillParallelism parallelism) {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(now, "now");
        String prefix = "workflow '" + workflow + "', schedule '" + schedule.id() + "': backfill ";
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(prefix + "from must be before to (" + to + "), was " + from);
        }
        // Fires after now belong to the schedule itself; a backfill reaching them would run them twice.
        if (to.isAfter(now)) {
            throw new IllegalArgumentException(prefix + "to must not be after now (" + now + "), was " + to);
        }
        if (maxFires < 1) {
            throw new IllegalArgumentException(prefix + "maxFires must be >= 1, was " + maxFires);
        }
        List<Instant> fires = FireTimes.of(schedule).between(from, to, maxFires + 1);
        if (fires.size() > maxFires) {
            throw new IllegalArgumentException(prefix + "range [" + from + ", " + to + ") has more than " + maxFires
                    + " fires (fire " + (maxFires + 1) + " is at " + fires.get(maxFires)
                    + "); narrow the range or raise maxFires");
        }
        return new Backfill(workflow, schedule.id(), fires, parallelism);
    }
}
