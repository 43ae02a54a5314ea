package dev.baton.engine.simulate;

import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.Manifests;
import dev.baton.spi.BatonConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lays the schedules, triggers, locks and pools of an application on a calendar with the runs'
 * expected durations, and reports what will happen before it happens in production: fires an
 * overlap policy skips, runs that wait behind a lock (and those that wait too long), runs a lock's
 * policy skips or fails, deadlines missed.
 *
 * <pre>{@code
 * SimulationReport report = ScheduleSimulation.of(manifest)
 *         .durations(DurationsFile.read(Path.of("durations.json")))
 *         .from(LocalDate.of(2027, 6, 28))
 *         .run(7);
 * report.findings(Finding.Kind.FIRE_SKIPPED).forEach(System.out::println);
 * }</pre>
 *
 * <p>It uses the engine's own schedule math (fire times with their daylight-saving rule, jitter,
 * overlap decisions), so it shows what the engine will do, not what a second reading of the cron
 * expression would suggest. What it does not see: locks taken by single steps (they are in code,
 * not in the declarations), runs started by hand or by other applications, failures and retries,
 * catch-up after downtime. Immutable; each option returns a copy.
 */
public final class ScheduleSimulation {
    /** The default wait beyond which a wait is reported as long: 30 minutes. */
    public static final Duration DEFAULT_WAIT_THRESHOLD = Duration.ofMinutes(30);
    /** The most days one simulation covers. */
    public static final int MAX_DAYS = 3_660;

    private final Manifest manifest;
    private final Durations durations;
    private final Percentile percentile;
    private final Duration waitThreshold;
    private final ZoneId zone;
    private final Object from; // an Instant, a LocalDate (in the zone), or null for today

    private ScheduleSimulation(Manifest manifest, Durations durations, Percentile percentile, Duration waitThreshold,
                               ZoneId zone, Object from) {
        this.manifest = manifest;
        this.durations = durations;
        this.percentile = percentile;
        this.waitThreshold = waitThreshold;
        this.zone = zone;
        this.from = from;
    }

    /** @param manifest the declarations to simulate @return a simulation with default durations */
    public static ScheduleSimulation of(Manifest manifest) {
        return new ScheduleSimulation(Objects.requireNonNull(manifest, "manifest"), Durations.defaults(), Percentile.P50,
                DEFAULT_WAIT_THRESHOLD, null, null);
    }

    /** @param config the declarations, as {@code BatonBuilder.config()} gives them @return a simulation */
    public static ScheduleSimulation of(BatonConfig config) {
        return of(Manifests.of(config, null));
    }

    /** @param value the expected durations (and deadlines, and date overrides) @return a copy */
    public ScheduleSimulation durations(Durations value) {
        return new ScheduleSimulation(manifest, Objects.requireNonNull(value, "durations"), percentile, waitThreshold, zone, from);
    }

    /** @param value which expected duration each run takes; default P50 @return a copy */
    public ScheduleSimulation percentile(Percentile value) {
        return new ScheduleSimulation(manifest, durations, Objects.requireNonNull(value, "percentile"), waitThreshold, zone, from);
    }

    /** @param value waits longer than this are {@link Finding.Kind#LONG_WAIT}; default 30 minutes @return a copy */
    public ScheduleSimulation waitThreshold(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("waitThreshold must be >= 0, was " + value);
        }
        return new ScheduleSimulation(manifest, durations, percentile, value, zone, from);
    }

    /**
     * @param value the zone times are shown in (and a {@link #from(LocalDate) start date} is
     *              counted in); default the zone of the first cron schedule, else UTC
     * @return a copy
     */
    public ScheduleSimulation zone(ZoneId value) {
        return new ScheduleSimulation(manifest, durations, percentile, waitThreshold, Objects.requireNonNull(value, "zone"), from);
    }

    /** @param value the first instant simulated @return a copy */
    public ScheduleSimulation from(Instant value) {
        return new ScheduleSimulation(manifest, durations, percentile, waitThreshold, zone, Objects.requireNonNull(value, "from"));
    }

    /** @param value the first day simulated, from its midnight in the zone; default today @return a copy */
    public ScheduleSimulation from(LocalDate value) {
        return new ScheduleSimulation(manifest, durations, percentile, waitThreshold, zone, Objects.requireNonNull(value, "from"));
    }

    /** @return the zone times are shown in */
    public ZoneId zone() {
        if (zone != null) {
            return zone;
        }
        return manifest.workflows().stream().flatMap(w -> w.schedules().stream()).filter(s -> s.zone() != null)
                .findFirst().<ZoneId>map(s -> ZoneId.of(s.zone())).orElse(ZoneOffset.UTC);
    }

    /**
     * @param days how many days to simulate, from 1 to {@link #MAX_DAYS}
     * @return the report
     * @throws IllegalArgumentException when days is out of range, or a schedule fires too often to simulate so long
     */
    public SimulationReport run(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", was " + days);
        }
        ZoneId shown = zone();
        Instant start = switch (from) {
            case Instant instant -> instant;
            case LocalDate date -> date.atStartOfDay(shown).toInstant();
            case null -> LocalDate.now(shown).atStartOfDay(shown).toInstant();
            default -> throw new IllegalStateException("from is an Instant or a LocalDate");
        };
        Instant end = start.atZone(shown).plusDays(days).toInstant();
        List<String> assumptions = new ArrayList<>();
        for (Manifest.WorkflowItem workflow : manifest.workflows()) {
            boolean started = !workflow.schedules().isEmpty() || !workflow.triggers().isEmpty();
            if (started && !durations.knows(workflow.name())) {
                assumptions.add(workflow.name() + ": no expected duration given; each run takes "
                        + Simulator.text(durations.defaultDuration()));
            }
        }
        assumptions.add("locks taken by single steps are not simulated (they are in code, not in the declarations);"
                + " runs hold their workflow's locks and pools from start to end");
        return new Simulator(manifest, durations, percentile, waitThreshold, shown).run(start, end, assumptions);
    }

    /** @return now, truncated to the minute: the start of a simulation of "what comes next" */
    public static Instant nowToTheMinute() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }
}
