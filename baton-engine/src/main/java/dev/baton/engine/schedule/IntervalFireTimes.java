package dev.baton.engine.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fire times of a fixed interval: start, start + interval, start + 2 × interval, … */
final class IntervalFireTimes extends FireTimes {

    private final Instant start;
    private final Duration interval;

    IntervalFireTimes(Instant start, Duration interval) {
        this.start = start;
        this.interval = interval;
    }

    /**
     * Whole intervals from start to a later instant. In long nanoseconds when both fit (spans of
     * up to 292 years), which is much cheaper than {@link Duration#dividedBy(Duration)}'s exact
     * decimal division and gives the same result; that division otherwise.
     */
    private long intervalsBetween(Instant from, Instant to) {
        Duration elapsed = Duration.between(from, to);
        try {
            return elapsed.toNanos() / interval.toNanos();
        } catch (ArithmeticException tooLong) {
            return elapsed.dividedBy(interval);
        }
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        if (instant.isBefore(start)) {
            return Optional.of(start);
        }
        long elapsed = intervalsBetween(start, instant);
        try {
            return Optional.of(start.plus(interval.multipliedBy(elapsed + 1)));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty(); // past the last representable instant
        }
    }
}
