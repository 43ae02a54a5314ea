package dev.baton.engine.schedule;

import dev.baton.CatchUp;
import dev.baton.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a schedule does when a worker takes it up after a time in which no worker ran it: which
 * missed fires to start now, under the schedule's {@link CatchUp} policy, and which fire comes
 * next.
 *
 * <p>A fire is missed when its logical time is after the last fire handled and its due time
 * (logical time plus {@link Jitter}) is at or before now. A fire whose logical time has passed
 * but whose jitter has not is not missed: it is the {@link #next()} fire, due a little later.
 * <ul>
 *   <li>{@link CatchUp#none()}: nothing is started.</li>
 *   <li>{@link CatchUp#latest()}: the most recent missed fire is started.</li>
 *   <li>{@link CatchUp#all(Duration)}: every missed fire whose logical time is at or after
 *       {@code now - window} is started, oldest first, at most {@link #MAX_FIRES} (the most
 *       recent ones).</li>
 * </ul>
 *
 * @param toStart the missed logical fires to start now, oldest first; each still goes through
 *                the schedule's overlap policy
 * @param next    the logical time of the next fire not yet due, or empty when the schedule
 *                never fires again
 */
public record CatchUpPlan(List<Instant> toStart, Optional<Instant> next) {

    /** The most missed fires {@link CatchUp#all(Duration)} starts at once: 1,000. */
    public static final int MAX_FIRES = 1_000;

    /** Copies the list. */
    public CatchUpPlan {
        toStart = List.copyOf(toStart);
        Objects.requireNonNull(next, "next");
    }

    /**
     * @param workflow    the name of the workflow the schedule belongs to (for its jitter)
     * @param schedule    the schedule, with its catch-up policy
     * @param lastHandled the logical time of the last fire handled (started, skipped or
     *                    buffered), or null when none was: a new schedule has missed nothing,
     *                    and it starts with its first fire after now
     * @param now         the current instant
     * @return the plan
     */
    public static CatchUpPlan of(String workflow, Schedule schedule, Instant lastHandled, Instant now) {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(now, "now");
        FireTimes fires = FireTimes.of(schedule);
        if (lastHandled == null) {
            return new CatchUpPlan(List.of(), fires.nextAfter(now));
        }
        Instant notBefore = lastHandled.plusNanos(1);
        Instant toExcl = now.plusNanos(1);

        // Only fires within the jitter before now can still be waiting for their due time.
        List<Instant> pending = new ArrayList<>();
        Duration jitter = schedule.jitter();
        if (!jitter.isZero()) {
            Instant from = later(notBefore, now.minus(jitter).plusNanos(1));
            for (Instant fire : fires.between(from, toExcl)) {
                if (Jitter.dueAt(workflow, schedule, fire).isAfter(now)) {
                    pending.add(fire);
                }
            }
        }
        // After the last handled fire even if the clock reads earlier, so no fire runs twice.
        Optional<Instant> next = pending.isEmpty() ? fires.nextAfter(later(now, lastHandled)) : Optional.of(pending.get(0));

        List<Instant> toStart = switch (schedule.catchUp()) {
            case CatchUp.None none -> List.of();
            case CatchUp.Latest latest -> missed(fires, toExcl, notBefore, 1, pending);
            case CatchUp.All all -> missed(fires, toExcl, windowStart(notBefore, now, all.window()), MAX_FIRES, pending);
        };
        return new CatchUpPlan(toStart, next);
    }

    /** The last {@code count} fires in [notBefore, toExcl) that are not pending. */
    private static List<Instant> missed(FireTimes fires, Instant toExcl, Instant notBefore, int count,
                                        List<Instant> pending) {
        List<Instant> candidates = new ArrayList<>(fires.latestBefore(toExcl, notBefore, count + pending.size()));
        candidates.removeAll(pending);
        return candidates.subList(Math.max(0, candidates.size() - count), candidates.size());
    }

    private static Instant windowStart(Instant notBefore, Instant now, Duration window) {
        // A window reaching before the last handled fire changes nothing; this also keeps a
        // window of centuries from overflowing the instant arithmetic.
        return window.compareTo(Duration.between(notBefore, now)) >= 0 ? notBefore : now.minus(window);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
