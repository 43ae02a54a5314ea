package dev.baton;

import dev.baton.spi.CronValidator;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * When a workflow starts on its own: a cron expression in a time zone, or a fixed interval.
 *
 * <pre>{@code
 * Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")).overlap(Overlap.SKIP)
 * Schedule.every(Duration.ofMinutes(10)).jitter(Duration.ofSeconds(30))
 * }</pre>
 *
 * <p>Each fire has a <em>logical time</em>: the time the schedule says (02:00 Berlin time), the
 * same on every worker. A run started by a fire receives its logical time, never the moment
 * the run happened to start.
 *
 * <p><b>Cron</b> expressions are wall-clock times in the schedule's zone. Where a daylight
 * saving transition skips a local time (spring forward), a fire at that time happens once, at
 * the first valid instant after the gap (02:30 on the spring-forward night in Berlin fires at
 * 03:00). Where a transition repeats local times (fall back), each local time fires once, at
 * its first occurrence, so an hourly job does not run twice. Fixed intervals
 * ({@link #every(Duration)}) count real time and do not depend on a zone.
 *
 * <p>Defaults: {@link Overlap#SKIP}, {@link CatchUp#latest()}, no jitter, an id derived from
 * the expression and zone (or the interval and start). Immutable: every option method returns
 * a validated copy, and an invalid value fails at once with a message that names the field and
 * the value.
 */
public final class Schedule {

    /** The two kinds of schedule. */
    public enum Kind {
        /** A cron expression in a time zone; {@link Schedule#cron(String, ZoneId)}. */
        CRON,
        /** A fixed interval from a start instant; {@link Schedule#every(Duration)}. */
        EVERY
    }

    /** Default start of {@link #every(Duration)}: the epoch, so fires fall on round times. */
    public static final Instant DEFAULT_START = Instant.EPOCH;
    /** The largest {@link #jitter(Duration)}: 365 days. */
    public static final Duration MAX_JITTER = Duration.ofDays(365);
    /** The longest {@link #id(String)}: 200 characters. */
    public static final int MAX_ID_LENGTH = 200;

    private final Kind kind;
    private final String expression;
    private final ZoneId zone;
    private final Duration interval;
    private final Instant start;
    private final Overlap overlap;
    private final CatchUp catchUp;
    private final Duration jitter;
    private final String explicitId;

    private Schedule(Kind kind, String expression, ZoneId zone, Duration interval, Instant start,
                     Overlap overlap, CatchUp catchUp, Duration jitter, String explicitId) {
        this.kind = kind;
        this.expression = expression;
        this.zone = zone;
        this.interval = interval;
        this.start = start;
        this.overlap = Objects.requireNonNull(overlap, "overlap");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.jitter = requireJitter(jitter, interval);
        this.explicitId = explicitId == null ? null : requireId(explicitId);
    }

    /**
     * A cron schedule. Accepted: the standard 5 fields (minute, hour, day of month, month, day
     * of week), or 6 with seconds first. Fields take numbers, {@code *}, lists ({@code 1,15}),
     * ranges ({@code 1-5}) and steps ({@code *}{@code /15}); months and days of week also take
     * names ({@code JAN}, {@code MON}); Sunday is 0 or 7. When both day of month and day of
     * week are restricted, a day matching either one fires, as in Unix cron.
     *
     * <p>With the engine on the class path the expression is checked by its cron library here,
     * including whether it can ever fire ({@code 0 0 30 2 *} cannot); without it only the
     * number of fields is checked here and the rest when the engine registers the schedule.
     *
     * @param expression the cron expression; surrounding and repeated spaces are ignored
     * @param zone       the zone whose wall-clock times the expression names
     * @return the schedule
     * @throws IllegalArgumentException naming {@code cron}, the expression and the reason
     */
    public static Schedule cron(String expression, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return new Schedule(Kind.CRON, requireCron(expression), zone, null, null,
                Overlap.SKIP, CatchUp.latest(), Duration.ZERO, null);
    }

    /**
     * A cron schedule in a zone given by its id, such as {@code Europe/Berlin} or {@code UTC}.
     *
     * @param expression the cron expression; see {@link #cron(String, ZoneId)}
     * @param zone       a time-zone id known to this JVM
     * @return the schedule
     * @throws IllegalArgumentException naming {@code zone} when the zone is unknown, or
     *                                  {@code cron} when the expression is invalid
     */
    public static Schedule cron(String expression, String zone) {
        Objects.requireNonNull(zone, "zone");
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone must be a known time-zone id such as Europe/Berlin, was '"
                    + zone + "' (" + e.getMessage() + ")", e);
        }
        return cron(expression, id);
    }

    /**
     * A fixed-interval schedule: fires at {@link #startingAt(Instant) start},
     * start + interval, start + 2 × interval, and so on, never before start. The default start
     * is the epoch, so {@code every(Duration.ofMinutes(10))} fires at :00, :10, :20, … on every
     * worker alike. Intervals count real time: daylight saving changes nothing.
     *
     * @param interval the time between fires, greater than zero
     * @return the schedule
     * @throws IllegalArgumentException naming {@code interval} when it is not greater than zero
     */
    public static Schedule every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, was " + interval);
        }
        return new Schedule(Kind.EVERY, null, ZoneOffset.UTC, interval, DEFAULT_START,
                Overlap.SKIP, CatchUp.latest(), Duration.ZERO, null);
    }

    /**
     * @param value the first fire of an {@link #every(Duration)} schedule, which every later
     *              fire is aligned to; default {@link #DEFAULT_START}
     * @return a copy
     * @throws IllegalStateException on a cron schedule, whose fires the expression fixes
     */
    public Schedule startingAt(Instant value) {
        Objects.requireNonNull(value, "startingAt");
        if (kind != Kind.EVERY) {
            throw new IllegalStateException("startingAt applies to Schedule.every(...) only; cron schedule '"
                    + expression + "' fires at the times its expression names");
        }
        return new Schedule(kind, expression, zone, interval, value, overlap, catchUp, jitter, explicitId);
    }

    /**
     * @param value what a fire does while the previous run still runs; default SKIP
     * @return a copy
     */
    public Schedule overlap(Overlap value) {
        return new Schedule(kind, expression, zone, interval, start, value, catchUp, jitter, explicitId);
    }

    /**
     * @param value what happens to fires missed while no worker ran; default latest()
     * @return a copy
     */
    public Schedule catchUp(CatchUp value) {
        return new Schedule(kind, expression, zone, interval, start, overlap, value, jitter, explicitId);
    }

    /**
     * Delays each fire by a deterministic amount in [0, {@code value}), so that many schedules
     * on the same time do not all start at once. The delay is derived from the schedule id and
     * the fire's logical time: every worker computes the same delay, and a fire never happens
     * before its logical time. The run still receives the logical time.
     *
     * @param value the upper bound of the delay, from zero (the default, no delay) to
     *              {@link #MAX_JITTER}; for {@link #every(Duration)} less than the interval
     * @return a copy
     * @throws IllegalArgumentException naming {@code jitter} when out of range
     */
    public Schedule jitter(Duration value) {
        return new Schedule(kind, expression, zone, interval, start, overlap, catchUp, value, explicitId);
    }

    /**
     * @param value the schedule's id, unique among the schedules of its workflow; fires are
     *              recorded under it, so changing it starts the schedule afresh. Default: derived
     *              from the expression and zone, or the interval and start
     * @return a copy
     * @throws IllegalArgumentException naming {@code id} when blank or longer than
     *                                  {@link #MAX_ID_LENGTH}
     */
    public Schedule id(String value) {
        Objects.requireNonNull(value, "id");
        return new Schedule(kind, expression, zone, interval, start, overlap, catchUp, jitter, value);
    }

    /** @return whether this is a cron or a fixed-interval schedule */
    public Kind kind() {
        return kind;
    }

    /** @return the cron expression with fields separated by single spaces, or null for EVERY */
    public String expression() {
        return expression;
    }

    /** @return the zone of a cron schedule; UTC for EVERY, whose fires do not depend on a zone */
    public ZoneId zone() {
        return zone;
    }

    /** @return the time between fires of an EVERY schedule, or null for CRON */
    public Duration interval() {
        return interval;
    }

    /** @return the first fire of an EVERY schedule, or null for CRON */
    public Instant startingAt() {
        return start;
    }

    /** @return the overlap policy */
    public Overlap overlap() {
        return overlap;
    }

    /** @return the catch-up policy */
    public CatchUp catchUp() {
        return catchUp;
    }

    /** @return the upper bound of the delay added to each fire; zero for none */
    public Duration jitter() {
        return jitter;
    }

    /** @return the id given with {@link #id(String)}, or the one derived from the schedule */
    public String id() {
        if (explicitId != null) {
            return explicitId;
        }
        if (kind == Kind.CRON) {
            return expression + " " + zone.getId();
        }
        return start.equals(DEFAULT_START) ? "every " + interval : "every " + interval + " from " + start;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && kind == s.kind && Objects.equals(expression, s.expression)
                && zone.equals(s.zone) && Objects.equals(interval, s.interval) && Objects.equals(start, s.start)
                && overlap == s.overlap && catchUp.equals(s.catchUp) && jitter.equals(s.jitter) && id().equals(s.id());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, expression, zone, interval, start, overlap, catchUp, jitter, id());
    }

    @Override
    public String toString() {
        String what = kind == Kind.CRON ? "cron=" + expression + ", zone=" + zone : "every=" + interval + ", startingAt=" + start;
        return "Schedule[id=" + id() + ", " + what + ", overlap=" + overlap + ", catchUp=" + catchUp
                + ", jitter=" + jitter + "]";
    }

    private static String requireCron(String expression) {
        Objects.requireNonNull(expression, "cron");
        String normalized = expression.strip().replaceAll("\\s+", " ");
        int fields = normalized.isEmpty() ? 0 : normalized.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("cron must have 5 fields (minute hour day-of-month month day-of-week)"
                    + " or 6 (second first), was '" + expression + "' (" + fields + " fields)");
        }
        // The cron library lives in the engine; the API module stays free of dependencies.
        for (CronValidator validator : ServiceLoader.load(CronValidator.class)) {
            try {
                validator.validate(normalized);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron must be a valid cron expression, was '" + normalized
                        + "': " + e.getMessage(), e);
            }
        }
        return normalized;
    }

    private static Duration requireJitter(Duration jitter, Duration interval) {
        Objects.requireNonNull(jitter, "jitter");
        if (jitter.isNegative() || jitter.compareTo(MAX_JITTER) > 0) {
            throw new IllegalArgumentException("jitter must be between PT0S and " + MAX_JITTER + ", was " + jitter);
        }
        // A delay shorter than the interval keeps fires in the order of their logical times.
        if (interval != null && !jitter.isZero() && jitter.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("jitter must be < interval (" + interval + "), was " + jitter);
        }
        return jitter;
    }

    private static String requireId(String id) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must be at most " + MAX_ID_LENGTH + " characters, was "
                    + id.length() + " ('" + id.substring(0, 40) + "...')");
        }
        return id;
    }
}
