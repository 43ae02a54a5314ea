package dev.baton.engine.manifest;

import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.engine.simulate.Durations;
import dev.baton.engine.simulate.Finding;
import dev.baton.engine.simulate.ScheduleSimulation;
import dev.baton.engine.simulate.SimulationReport;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a {@link Plan}: reads what the target runs now (its last deploy) and its runs in flight,
 * diffs the manifests, asks the {@link InFlightCheck} about the runs, and simulates both
 * manifests to find the schedule conflicts the change introduces. It only reads the target.
 */
public final class Planner {
    /** The default number of days simulated for schedule conflicts. */
    public static final int DEFAULT_DAYS = 7;
    /** The states of the runs a plan checks: those that have not ended. */
    public static final Set<RunStatus> IN_FLIGHT = Set.copyOf(EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING,
            RunStatus.WAITING));

    private final InFlightCheck inFlightCheck;
    private final Durations durations;
    private final String durationsSource;
    private final int days;
    private final Instant from;

    /**
     * @param inFlightCheck   what finds the runs a deploy would break
     * @param durations       the expected durations for the simulation
     * @param durationsSource where they came from, for people (a file name, or "defaults")
     * @param days            how many days to simulate, at least 1
     * @param from            the first instant simulated (usually now)
     */
    public Planner(InFlightCheck inFlightCheck, Durations durations, String durationsSource, int days, Instant from) {
        this.inFlightCheck = Objects.requireNonNull(inFlightCheck, "inFlightCheck");
        this.durations = Objects.requireNonNull(durations, "durations");
        this.durationsSource = durationsSource;
        this.days = days;
        this.from = Objects.requireNonNull(from, "from");
    }

    /**
     * @param planned the manifest to plan
     * @param target  the target store; only read
     * @return the plan
     * @throws ManifestFormatException when the target's deployed manifest was written by a newer Baton
     */
    public Plan plan(Manifest planned, Store target) {
        Optional<DeploymentRow> last = target.latestDeployment();
        Manifest deployed = last.map(d -> ManifestJson.read(d.manifest())).orElse(null);
        List<RunRow> inFlight = target.listRuns(RunQuery.all().withStatuses(IN_FLIGHT).withLimit(10_000));
        return plan(planned, target.describe(), last.orElse(null), deployed, inFlight,
                inFlightCheck.check(target, inFlight, planned));
    }

    /**
     * Plans against a target read some other way than through its store (a server's API): what
     * it runs now and its runs in flight are given, and so is the check of those runs, which the
     * caller made on their histories. The check given to the constructor is not used.
     *
     * @param planned  the manifest to plan
     * @param target   the target, for people (its URL)
     * @param last     its last deploy, or null when nothing was deployed to it
     * @param inFlight its runs that have not ended
     * @param checked  what replaying their histories on the planned code found
     * @return the plan
     * @throws ManifestFormatException when the deployed manifest was written by a newer Baton
     */
    public Plan plan(Manifest planned, String target, DeploymentRow last, List<RunRow> inFlight, InFlightReport checked) {
        Manifest deployed = last == null ? null : ManifestJson.read(last.manifest());
        return plan(planned, target, last, deployed, inFlight, checked);
    }

    private Plan plan(Manifest planned, String target, DeploymentRow last, Manifest deployed, List<RunRow> inFlight,
                      InFlightReport checked) {
        List<Change> changes = ManifestDiff.between(deployed, planned);
        List<InFlightReport.BrokenRun> broken = new ArrayList<>(checked.broken());
        Set<String> known = broken.stream().map(InFlightReport.BrokenRun::runId).collect(Collectors.toSet());
        for (RunRow run : inFlight) {
            // Certain without any replay: a run whose workflow is gone has no code to resume on.
            if (planned.workflow(run.workflow()).isEmpty() && known.add(run.id())) {
                broken.add(new InFlightReport.BrokenRun(run.id(), run.workflow(), "workflow " + run.workflow()
                        + " is removed: the run (" + run.status() + ") has no code to resume on. Let it finish before"
                        + " deploying, cancel it (`baton cancel " + run.id() + "`), or keep the workflow registered"));
            }
        }
        InFlightReport report = new InFlightReport(inFlight.size(), checked.checked(), checked.note(), broken);

        SimulationReport after = ScheduleSimulation.of(planned).durations(durations).from(from).run(days);
        List<Finding> introduced = conflicts(after);
        List<Finding> resolved = List.of();
        if (deployed != null) {
            List<Finding> before = conflicts(ScheduleSimulation.of(deployed).durations(durations).from(from)
                    .zone(after.zone()).run(days));
            Set<String> beforeKeys = before.stream().map(Finding::key).collect(Collectors.toSet());
            Set<String> afterKeys = introduced.stream().map(Finding::key).collect(Collectors.toSet());
            introduced = introduced.stream().filter(f -> !beforeKeys.contains(f.key())).toList();
            resolved = before.stream().filter(f -> !afterKeys.contains(f.key())).toList();
        }
        return new Plan(target,
                last == null ? null : new Plan.Deployed(last.id(), last.manifestHash(), last.codeVersion(), last.author(),
                        Instant.ofEpochMilli(last.deployedAt())),
                new Plan.Planned(planned.hash(), planned.codeVersion()), changes, report,
                new Plan.Conflicts(from, days, after.zone().getId(), durationsSource, introduced, resolved));
    }

    private static List<Finding> conflicts(SimulationReport report) {
        return report.findings().stream().filter(f -> f.kind() != Finding.Kind.LOCK_WAIT).toList();
    }
}
