package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.StoreException;
import dev.baton.engine.manifest.InFlightCheck;
import dev.baton.engine.manifest.InFlightChecks;
import dev.baton.engine.manifest.InFlightReport;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.ManifestFormatException;
import dev.baton.engine.manifest.ManifestJson;
import dev.baton.engine.manifest.Plan;
import dev.baton.engine.manifest.PlanText;
import dev.baton.engine.manifest.Planner;
import dev.baton.engine.manifest.ReviewJson;
import dev.baton.engine.simulate.Durations;
import dev.baton.engine.simulate.ScheduleSimulation;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.RunRow;
import dev.baton.replay.ReplayInFlightCheck;
import dev.baton.replay.RunHistory;
import dev.baton.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code baton plan}: what a deploy would change on a target, for review. Reads the target and
 * nothing else: its store is opened read-only; a server is only sent GETs.
 */
@Command(name = "plan", description = {
        "Shows what deploying the application's declarations to a target would do, like a terraform plan:",
        "the workflows, schedules, triggers, locks and pools added, removed and changed (with before and",
        "after), the runs in flight the change would break, and the schedule conflicts it introduces in the",
        "next days. Compares with the last deploy recorded in the target (everything is added when nothing",
        "was deployed): a store file, or a Baton server's /api/manifest and /api/histories. Never writes to",
        "the target."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no changes", "  2  changes (or runs in flight that would break)",
                "  1  an error: target missing, unreachable or not a Baton store or server, manifest from a newer Baton,",
                "     a histories stream cut short, bad durations file, bad usage"})
final class PlanCommand extends ReviewCommand {
    @Option(names = "--target", paramLabel = "STORE_OR_SERVER",
            description = "The target: its store (sqlite:PATH or a path), or a Baton server (http://HOST:PORT or "
                    + "https://…). Default: --server if given, else --db.")
    String target;


    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Plan this manifest (written by `baton manifest`) instead of the class path's declarations.")
    Path manifestFile;

    @Option(names = "--code-version", paramLabel = "VERSION",
            description = "The code version of the planned manifest. Default: the git commit, if any.")
    String codeVersion;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown (for a pull-request comment) or json. Default: text.")
    String format;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "How many days to simulate for schedule conflicts. Default: 7.")
    int days;

    @Option(names = "--durations", paramLabel = "FILE",
            description = "Expected durations for the simulation (see docs/plan.md). Default: one minute per run.")
    Path durationsFile;

    @Option(names = "--from", paramLabel = "DATE", description = "Simulate from this date (yyyy-MM-dd). Default: now.")
    String from;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("markdown") && !format.equals("json")) {
            throw new CliException(FAILED, "--format must be text, markdown or json, was '" + format + "'");
        }
        if (days < 1 || days > ScheduleSimulation.MAX_DAYS) {
            throw new CliException(FAILED, "--days must be between 1 and " + ScheduleSimulation.MAX_DAYS + ", was " + days);
        }
        Manifest planned = manifest(manifestFile, codeVersion);
        var durations = durations(durationsFile);
        Instant start = from == null ? ScheduleSimulation.nowToTheMinute()
                : startOf(from, ScheduleSimulation.of(planned).zone());
        String where = target != null && !target.isBlank() ? target : server();
        Plan plan = where != null && ServerReader.isServer(where)
                ? planOnServer(planned, where, durations, start)
                : planOnStore(planned, targetFile(where), durations, start);
        Terminal terminal = terminal();
        switch (format) {
            case "json" -> {
                ObjectNode json = ReviewJson.mapper().valueToTree(plan);
                json.put("hasChanges", plan.hasChanges());
                json.put("summary", PlanText.summary(plan));
                terminal.println(ReviewJson.write(json));
            }
            case "markdown" -> PlanText.markdown(plan).forEach(terminal::println);
            default -> PlanText.text(plan).forEach(terminal::println);
        }
        return plan.hasChanges() ? CHANGES : ExitCodes.OK;
    }

    private Planner planner(Durations durations, Instant start, InFlightCheck check) {
        return new Planner(check, durations, durationsFile == null ? "default, one minute per run"
                : durationsFile.toString(), days, start);
    }

    private Plan planOnStore(Manifest planned, Path file, Durations durations, Instant start) {
        try (SqliteStore store = openReadOnly(file)) {
            return planner(durations, start, InFlightChecks.find()).plan(planned, store);
        } catch (ManifestFormatException e) {
            throw new CliException(FAILED, "target " + file + ": its deployed manifest cannot be read: " + e.getMessage());
        } catch (StoreException e) {
            throw new CliException(FAILED, "target " + file + ": " + e.getMessage());
        }
    }

    /** Reads the server's last deploy and the histories of its runs in flight (GETs only), then plans as on a store. */
    private Plan planOnServer(Manifest planned, String url, Durations durations, Instant start) {
        ServerReader server = new ServerReader(url, root.token(), FAILED);
        DeploymentRow deployed = server.deployed().orElse(null);
        if (deployed != null) {
            try {
                ManifestJson.read(deployed.manifest());
            } catch (ManifestFormatException e) {
                throw new CliException(FAILED, "target " + server.url() + ": its deployed manifest (deploy #"
                        + deployed.id() + ") cannot be read: " + e.getMessage());
            }
        }
        List<RunHistory> histories = server.histories(Planner.IN_FLIGHT);
        List<RunRow> inFlight = histories.stream().map(RunHistory::run).toList();
        InFlightReport checked = new ReplayInFlightCheck().check(histories);
        return planner(durations, start, new ReplayInFlightCheck())
                .plan(planned, server.url(), deployed, inFlight, checked);
    }
}
