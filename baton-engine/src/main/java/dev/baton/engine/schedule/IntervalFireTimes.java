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

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        if (instant.isBefore(start)) {
            return Optional.of(start);
        }
        long elapsed = Duration.between(start, instant).dividedBy(interval);
        try {
            return Optional.of(start.plus(interval.multipliedBy(elapsed + 1)));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty(); // past the last representable instant
        }
    }
}
