package dev.baton.replay;

import dev.baton.WorkflowCatalog;
import dev.baton.engine.manifest.InFlightCheck;
import dev.baton.engine.manifest.InFlightReport;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.Planner;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The plan's check of the runs in flight: exports their histories from the target store (or
 * takes those a server exported) and replays them on the workflows of the class path (every {@link WorkflowCatalog} found through
 * {@code META-INF/services}), the code being planned. A run the code would not replay is reported
 * with the sequence number and what history recorded against what the code does now.
 */
public final class ReplayInFlightCheck implements InFlightCheck {

    @Override
    public InFlightReport check(Store target, List<RunRow> inFlight, Manifest planned) {
        if (inFlight.isEmpty()) {
            return new InFlightReport(0, true, "no runs in flight", List.of());
        }
        if (catalogs().isEmpty()) {
            return noCatalogs(inFlight.size());
        }
        return check(new HistoryExport(target).histories(null, Planner.IN_FLIGHT));
    }

    /**
     * Replays histories read elsewhere (from a server's {@code GET /api/histories}) on the code.
     *
     * @param histories the histories of the target's runs in flight
     * @return which would break
     */
    public InFlightReport check(List<RunHistory> histories) {
        if (histories.isEmpty()) {
            return new InFlightReport(0, true, "no runs in flight", List.of());
        }
        List<WorkflowCatalog> catalogs = catalogs();
        if (catalogs.isEmpty()) {
            return noCatalogs(histories.size());
        }
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
        return new InFlightReport(histories.size(), true, "replayed " + histories.size()
                + " runs in flight on the planned code", broken);
    }

    private static List<WorkflowCatalog> catalogs() {
        List<WorkflowCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(WorkflowCatalog.class).forEach(catalogs::add);
        return catalogs;
    }

    private static InFlightReport noCatalogs(int runs) {
        return new InFlightReport(runs, false, "no workflow catalog on the class path to replay the "
                + runs + " runs in flight on; run plan with the application's classes", List.of());
    }
}
