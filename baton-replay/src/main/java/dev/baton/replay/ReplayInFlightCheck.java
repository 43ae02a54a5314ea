package dev.baton.replay;

import dev.baton.RunStatus;
import dev.baton.WorkflowCatalog;
import dev.baton.engine.manifest.InFlightCheck;
import dev.baton.engine.manifest.InFlightReport;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The plan's check of the runs in flight: exports their histories from the target store and
 * replays them on the workflows of the class path (every {@link WorkflowCatalog} found through
 * {@code META-INF/services}), the code being planned. A run the code would not replay is reported
 * with the sequence number and what history recorded against what the code does now.
 */
public final class ReplayInFlightCheck implements InFlightCheck {

    @Override
    public InFlightReport check(Store target, List<RunRow> inFlight, Manifest planned) {
        if (inFlight.isEmpty()) {
            return new InFlightReport(0, true, "no runs in flight", List.of());
        }
        List<WorkflowCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(WorkflowCatalog.class).forEach(catalogs::add);
        if (catalogs.isEmpty()) {
            return new InFlightReport(inFlight.size(), false, "no workflow catalog on the class path to replay the "
                    + inFlight.size() + " runs in flight on; run plan with the application's classes", List.of());
        }
        List<RunHistory> histories = new HistoryExport(target)
                .histories(null, Set.of(RunStatus.PENDING, RunStatus.RUNNING, RunStatus.WAITING));
        ReplayReport report = ReplayCheck.of(catalogs.toArray(WorkflowCatalog[]::new)).check(histories);
        List<InFlightReport.BrokenRun> broken = new ArrayList<>();
        for (RunReplay run : report.broken()) {
            String reason = switch (run.outcome()) {
                case NON_DETERMINISTIC -> "at seq " + run.seq() + " history recorded " + run.recorded()
                        + " but the code now does " + run.current();
                case UNKNOWN_WORKFLOW -> "its workflow is not in the code any more";
                default -> run.detail();
            };
            broken.add(new InFlightReport.BrokenRun(run.runId(), run.workflow(), reason));
        }
        return new InFlightReport(inFlight.size(), true, "replayed " + histories.size() + " runs in flight on the planned code",
                broken);
    }
}
