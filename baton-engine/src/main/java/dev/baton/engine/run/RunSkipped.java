package dev.baton.engine.run;

/** A lock with the SKIP policy was taken: the run ends as SKIPPED with this reason. */
final class RunSkipped extends Error {
    private static final long serialVersionUID = 1L;

    RunSkipped(String reason) {
        super(reason, null, false, false);
    }
}
