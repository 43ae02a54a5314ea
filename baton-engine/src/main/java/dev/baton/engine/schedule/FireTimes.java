package dev.baton.engine.schedule;

import dev.baton.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The logical fire times of a {@link Schedule}: the instants its expression or interval names,
 * before jitter. Every worker computes the same times from the same schedule.
 *
 * <p>Cron expressions are matched against local wall-clock times of the schedule's zone, which
 * are then turned into instants by the {@link DstRule}: a time skipped by spring forward fires
 * once at the end of the gap, a time repeated by fall back fires once at its first occurrence.
 * The fires are therefore strictly increasing instants with no duplicates, across any
 * transition. Fixed intervals are plain instant arithmetic from the schedule's start.
 *
 * <p>Immutable and thread-safe.
 */
public abstract sealed class FireTimes permits CronFireTimes, IntervalFireTimes {

    /** The first window {@link #latestBefore} looks back over; it doubles until it suffices. */
    private static final Duration FIRST_LOOK_BACK = Duration.ofMinutes(1);

    FireTimes() {
    }

    /** Cron fire times by expression and zone: immutable, and shared by every schedule with both. */
    private static final java.util.concurrent.ConcurrentMap<String, FireTimes> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param schedule a schedule
     * @return its fire times
     * @throws IllegalArgumentException when its cron expression is invalid or never fires
     */
    public static FireTimes of(Schedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        return switch (schedule.kind()) {
            // Parsing a cron expression costs more than finding its next fire; a schedule asks often.
            case CRON -> PARSED.computeIfAbsent(schedule.expression() + " " + schedule.zone().getId(),
                    key -> new CronFireTimes(CronExpressions.parse(schedule.expression()), schedule.zone()));
            case EVERY -> new IntervalFireTimes(schedule.startingAt(), schedule.interval());
        };
    }

    /**
     * @param instant any instant
     * @return the first fire strictly after it, or empty when the schedule never fires again
     */
    public abstract Optional<Instant> nextAfter(Instant instant);

    /**
     * @param instant any instant
     * @return the first fire at or after it, or empty when there is none
     */
    public Optional<Instant> firstAtOrAfter(Instant instant) {
        return nextAfter(instant.minusNanos(1));
    }

    /**
     * All fires in [{@code from}, {@code to}), in order. Mind the size of the range: a
     * per-second schedule has 86,400 fires a day; {@link #between(Instant, Instant, int)} caps it.
     *
     * @param from the first instant included
     * @param to   the first instant excluded
     * @return the fires, strictly increasing; empty when {@code from} is not before {@code to}
     */
    public List<Instant> between(Instant from, Instant to) {
        return between(from, to, Integer.MAX_VALUE);
    }

    /**
     * The first fires in [{@code from}, {@code to}), in order, at most {@code maxCount} of them.
     * Ask for one more than you accept to learn whether the range holds too many.
     *
     * @param from     the first instant included
     * @param to       the first instant excluded
     * @param maxCount the most fires returned, at least 0
     * @return the fires, strictly increasing
     */
    public List<Instant> between(Instant from, Instant to, int maxCount) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount must be >= 0, was " + maxCount);
        }
        List<Instant> fires = new ArrayList<>();
        Optional<Instant> next = firstAtOrAfter(from);
        while (fires.size() < maxCount && next.isPresent() && next.get().isBefore(to)) {
            fires.add(next.get());
            next = nextAfter(next.get());
        }
        return fires;
    }

    /**
     * The last fires in [{@code notBefore}, {@code to}), in order, at most {@code maxCount} of
     * them. Looks back in doubling windows, so the cost follows the fires returned rather than
     * the length of the range: the latest fire before now costs the same after a day of
     * downtime as after a year.
     *
     * @param to        the first instant excluded
     * @param notBefore the earliest instant included
     * @param maxCount  the most fires returned, at least 0
     * @return the fires, strictly increasing
     */
    public List<Instant> latestBefore(Instant to, Instant notBefore, int maxCount) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(notBefore, "notBefore");
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount must be >= 0, was " + maxCount);
        }
        if (maxCount == 0 || !notBefore.isBefore(to)) {
            return List.of();
        }
        Duration range = Duration.between(notBefore, to);
        Duration window = FIRST_LOOK_BACK;
        while (true) {
            boolean whole = window.compareTo(range) >= 0;
            Instant from = whole ? notBefore : to.minus(window);
            Deque<Instant> last = new ArrayDeque<>(Math.min(maxCount, 1024));
            Optional<Instant> next = firstAtOrAfter(from);
            while (next.isPresent() && next.get().isBefore(to)) {
                if (last.size() == maxCount) {
                    last.removeFirst();
                }
                last.addLast(next.get());
                next = nextAfter(next.get());
            }
            if (whole || last.size() == maxCount) {
                return List.copyOf(last);
            }
            window = window.multipliedBy(2);
        }
    }
}
