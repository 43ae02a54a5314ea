package dev.baton.engine.manifest;

import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;

import java.util.List;

/**
 * The {@link InFlightCheck} used while no replay check is wired into the plan: it replays nothing
 * and says so, naming how many runs went unchecked and how to check them.
 */
public final class ReplayCheckUnavailable implements InFlightCheck {

    @Override
    public InFlightReport check(Store target, List<RunRow> inFlight, Manifest planned) {
        String note = inFlight.isEmpty()
                ? "no runs in flight on the target; nothing to replay"
                : "replay check not available: the " + inFlight.size() + " run" + (inFlight.size() == 1 ? "" : "s")
                  + " in flight were not replayed against this code. Export their histories (`baton export`) and run"
                  + " `baton replay-check` on them before deploying.";
        return new InFlightReport(inFlight.size(), false, note, List.of());
    }
}
