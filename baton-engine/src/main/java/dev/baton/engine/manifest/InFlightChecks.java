package dev.baton.engine.manifest;

import java.util.ServiceLoader;

/**
 * Finds the {@link InFlightCheck} the plan uses: the first one declared in
 * {@code META-INF/services/dev.baton.engine.manifest.InFlightCheck} on the class path (the replay
 * check declares itself there), else {@link ReplayCheckUnavailable}, which says that nothing was
 * replayed.
 */
public final class InFlightChecks {
    private InFlightChecks() {
    }

    /** @return the check found on the class path, or the one that says none is available */
    public static InFlightCheck find() {
        return ServiceLoader.load(InFlightCheck.class).findFirst().orElseGet(ReplayCheckUnavailable::new);
    }
}
