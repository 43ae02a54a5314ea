package dev.baton.engine.manifest;

import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;

import java.util.List;

/**
 * Finds the runs in flight that a deploy would break: runs whose recorded history the new code
 * would not replay. The plan asks it about every run of the target that has not ended; the
 * replay check, given the target's histories, answers it. An implementation declares itself in
 * {@code META-INF/services/dev.baton.engine.manifest.InFlightCheck} ({@link InFlightChecks} finds
 * it); until one is on the class path, {@link ReplayCheckUnavailable} says so plainly rather than
 * claiming the runs are safe.
 */
public interface InFlightCheck {

    /**
     * @param target   the target store, opened read-only
     * @param inFlight the target's runs that have not ended
     * @param planned  the manifest being planned (its code is the code on the class path)
     * @return which runs would break, and whether they were checked at all
     */
    InFlightReport check(Store target, List<RunRow> inFlight, Manifest planned);
}
