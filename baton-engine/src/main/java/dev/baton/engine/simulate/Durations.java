package dev.baton.engine.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long runs are expected to take, for a {@link ScheduleSimulation}: per workflow a fixed
 * duration or the percentiles p50, p90 and max; per workflow an optional deadline (a run must end
 * within it after its logical time); and date-specific overrides ("NightlyLoad takes 3x on
 * 2027-07-01"), matched against the run's logical date in {@link #zone()}. Workflows not listed
 * take {@link #defaultDuration()}.
 *
 * <pre>{@code
 * Durations.of(Duration.ofMinutes(1))
 *     .with("NightlyLoad", Duration.ofHours(1), Duration.ofMinutes(75), Duration.ofMinutes(90))
 *     .deadline("PublishReport", Duration.ofHours(3))
 *     .scaledOn("NightlyLoad", LocalDate.of(2027, 7, 1), 3.0, "month-end close")
 *     .inZone(ZoneId.of("Europe/Berlin"))
 * }</pre>
 *
 * <p>Immutable; every method returns a copy. Read from a file with {@link DurationsFile}.
 *
 * @param defaultDuration the duration of workflows not listed
 * @param workflows       by workflow, its expected durations
 * @param deadlines       by workflow, how long after its logical time a run must have ended
 * @param overrides       date-specific durations, the last matching one wins
 * @param zone            the zone override dates are counted in
 */
public record Durations(Duration defaultDuration, Map<String, Expected> workflows, Map<String, Duration> deadlines,
                        List<DateOverride> overrides, ZoneId zone) {

    /** The default duration of a workflow no duration is given for: one minute. */
    public static final Duration DEFAULT = Duration.ofMinutes(1);

    /** Validates and copies. */
    public Durations {
        requirePositive(defaultDuration, "default");
        workflows = Map.copyOf(workflows);
        deadlines = Map.copyOf(deadlines);
        deadlines.forEach((workflow, deadline) -> requirePositive(deadline, "deadline of " + workflow));
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(zone, "zone");
    }

    /** @return every workflow takes {@link #DEFAULT}; no deadlines, no overrides, dates in UTC */
    public static Durations defaults() {
        return of(DEFAULT);
    }

    /** @param defaultDuration what every workflow takes unless listed @return durations */
    public static Durations of(Duration defaultDuration) {
        return new Durations(defaultDuration, Map.of(), Map.of(), List.of(), ZoneOffset.UTC);
    }

    /** @param workflow a workflow @param fixed what each of its runs takes @return a copy */
    public Durations with(String workflow, Duration fixed) {
        return with(workflow, fixed, fixed, fixed);
    }

    /**
     * @param workflow a workflow
     * @param p50      its median duration
     * @param p90      its 90th percentile, at least p50
     * @param max      its longest, at least p90
     * @return a copy
     */
    public Durations with(String workflow, Duration p50, Duration p90, Duration max) {
        Map<String, Expected> copy = new LinkedHashMap<>(workflows);
        copy.put(workflow, new Expected(p50, p90, max));
        return new Durations(defaultDuration, copy, deadlines, overrides, zone);
    }

    /** @param workflow a workflow @param deadline how long after its logical time a run must have ended @return a copy */
    public Durations deadline(String workflow, Duration deadline) {
        Map<String, Duration> copy = new LinkedHashMap<>(deadlines);
        copy.put(workflow, deadline);
        return new Durations(defaultDuration, workflows, copy, overrides, zone);
    }

    /**
     * @param workflow a workflow
     * @param date     a logical date, in {@link #zone()}
     * @param factor   how many times its usual duration a run of that date takes
     * @param why      the reason, for people, or null
     * @return a copy
     */
    public Durations scaledOn(String workflow, LocalDate date, double factor, String why) {
        return withOverride(new DateOverride(workflow, date, factor, null, why));
    }

    /**
     * @param workflow a workflow
     * @param date     a logical date, in {@link #zone()}
     * @param takes    what a run of that date takes
     * @param why      the reason, for people, or null
     * @return a copy
     */
    public Durations takesOn(String workflow, LocalDate date, Duration takes, String why) {
        return withOverride(new DateOverride(workflow, date, null, takes, why));
    }

    /** @param value the zone override dates are counted in @return a copy */
    public Durations inZone(ZoneId value) {
        return new Durations(defaultDuration, workflows, deadlines, overrides, value);
    }

    private Durations withOverride(DateOverride override) {
        List<DateOverride> copy = new ArrayList<>(overrides);
        copy.add(override);
        return new Durations(defaultDuration, workflows, deadlines, copy, zone);
    }

    /**
     * @param workflow    a workflow
     * @param logicalTime a run's logical time
     * @param percentile  which expected duration
     * @return what the run takes
     */
    public Duration of(String workflow, Instant logicalTime, Percentile percentile) {
        Expected expected = workflows.get(workflow);
        Duration usual = expected == null ? defaultDuration : expected.at(percentile);
        Optional<DateOverride> override = override(workflow, logicalTime);
        if (override.isEmpty()) {
            return usual;
        }
        DateOverride o = override.get();
        return o.takes() != null ? o.takes() : Duration.ofMillis(Math.round(usual.toMillis() * o.factor()));
    }

    /** @param workflow a workflow @param logicalTime a run's logical time @return the override that applies, if any */
    public Optional<DateOverride> override(String workflow, Instant logicalTime) {
        LocalDate date = logicalTime.atZone(zone).toLocalDate();
        DateOverride found = null;
        for (DateOverride o : overrides) {
            if (o.workflow().equals(workflow) && o.date().equals(date)) {
                found = o;
            }
        }
        return Optional.ofNullable(found);
    }

    /** @param workflow a workflow @return its deadline after the logical time, if it has one */
    public Optional<Duration> deadline(String workflow) {
        return Optional.ofNullable(deadlines.get(workflow));
    }

    /** @param workflow a workflow @return whether a duration is given for it (else it takes the default) */
    public boolean knows(String workflow) {
        return workflows.containsKey(workflow);
    }

    /**
     * The expected durations of one workflow.
     *
     * @param p50 the median
     * @param p90 the 90th percentile, at least p50
     * @param max the longest, at least p90
     */
    public record Expected(Duration p50, Duration p90, Duration max) {
        /** Validates the order. */
        public Expected {
            requirePositive(p50, "p50");
            requirePositive(p90, "p90");
            requirePositive(max, "max");
            if (p90.compareTo(p50) < 0 || max.compareTo(p90) < 0) {
                throw new IllegalArgumentException("durations must grow: p50 <= p90 <= max, was p50 " + p50 + ", p90 "
                        + p90 + ", max " + max);
            }
        }

        /** @param percentile which @return that duration */
        public Duration at(Percentile percentile) {
            return switch (percentile) {
                case P50 -> p50;
                case P90 -> p90;
                case MAX -> max;
            };
        }
    }

    /**
     * A date on which a workflow takes longer (or shorter) than usual.
     *
     * @param workflow the workflow
     * @param date     the logical date, in the durations' zone
     * @param factor   a multiple of the usual duration, or null when {@code takes} is given
     * @param takes    the duration that day, or null when {@code factor} is given
     * @param why      the reason, or null
     */
    public record DateOverride(String workflow, LocalDate date, Double factor, Duration takes, String why) {
        /** Validates: exactly one of factor and takes. */
        public DateOverride {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(date, "date");
            if ((factor == null) == (takes == null)) {
                throw new IllegalArgumentException("an override of " + workflow + " on " + date
                        + " needs exactly one of factor and takes");
            }
            if (factor != null && !(factor > 0)) {
                throw new IllegalArgumentException("factor of " + workflow + " on " + date + " must be > 0, was " + factor);
            }
            if (takes != null) {
                requirePositive(takes, "takes of " + workflow + " on " + date);
            }
        }
    }

    private static void requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a duration > 0, was " + value);
        }
    }
}
