package dev.baton.cli;

import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.ReviewJson;
import dev.baton.engine.simulate.DurationsFile;
import dev.baton.engine.simulate.Percentile;
import dev.baton.engine.simulate.ScheduleSimulation;
import dev.baton.engine.simulate.SimulationReport;
import dev.baton.engine.simulate.SimulationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/** {@code baton simulate}: the next days of schedules, triggers and locks on a calendar. */
@Command(name = "simulate", description = {
        "Lays the schedules, triggers, locks and pools of the application on a calendar with expected",
        "durations, and reports fires an overlap policy would skip, runs a lock would make wait (and waits",
        "over the threshold), runs a lock's policy would skip or fail, and missed deadlines. Uses the",
        "engine's own schedule math. Exit codes: 0 ok, 1 an error (bad durations file, bad option)."})
final class SimulateCommand extends ReviewCommand {
    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "How many days. Default: 7.")
    int days;

    @Option(names = "--durations", paramLabel = "FILE",
            description = "Expected durations, deadlines and date overrides, JSON (see docs/plan.md). Default: one minute per run.")
    Path durationsFile;

    @Option(names = "--from", paramLabel = "DATE",
            description = "The first day (yyyy-MM-dd), from midnight in the schedules' zone. Default: today.")
    String from;

    @Option(names = "--percentile", paramLabel = "P", defaultValue = "p50",
            description = "Which expected duration runs take: p50, p90 or max. Default: p50.")
    String percentile;

    @Option(names = "--wait-threshold", paramLabel = "DURATION", defaultValue = "30m",
            description = "Waits longer than this are reported as long waits. Default: 30m.")
    String waitThreshold;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Show times in this zone. Default: the first cron schedule's zone.")
    String zone;

    @Option(names = "--runs", description = "List every simulated run too.")
    boolean runs;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Simulate this manifest (written by `baton manifest`) instead of the class path's declarations.")
    Path manifestFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, markdown or json. Default: text.")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("markdown") && !format.equals("json")) {
            throw new CliException(FAILED, "--format must be text, markdown or json, was '" + format + "'");
        }
        Percentile p;
        try {
            p = Percentile.valueOf(percentile.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(FAILED, "--percentile must be p50, p90 or max, was '" + percentile + "'");
        }
        Duration threshold;
        try {
            threshold = DurationsFile.parseDuration(waitThreshold);
        } catch (IllegalArgumentException e) {
            throw new CliException(FAILED, "--wait-threshold: " + e.getMessage());
        }
        Manifest manifest = manifest(manifestFile, null);
        ScheduleSimulation simulation = ScheduleSimulation.of(manifest).durations(durations(durationsFile))
                .percentile(p).waitThreshold(threshold);
        if (zone != null) {
            try {
                simulation = simulation.zone(ZoneId.of(zone));
            } catch (java.time.DateTimeException e) {
                throw new CliException(FAILED, "--zone must be a time-zone id such as Europe/Berlin, was '" + zone + "'");
            }
        }
        if (from != null) {
            simulation = simulation.from(startOf(from, simulation.zone()));
        } else {
            simulation = simulation.from(LocalDate.now(simulation.zone()));
        }
        SimulationReport report;
        try {
            report = simulation.run(days);
        } catch (IllegalArgumentException e) {
            throw new CliException(FAILED, e.getMessage());
        }
        Terminal terminal = terminal();
        if (format.equals("json")) {
            terminal.println(ReviewJson.write(report));
        } else {
            SimulationText.render(report, format.equals("markdown"), runs).forEach(terminal::println);
        }
        return ExitCodes.OK;
    }
}
