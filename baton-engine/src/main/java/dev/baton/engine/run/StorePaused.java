package dev.baton.engine.run;

/** The store failed under a run: the run stops here and resumes from its last checkpoint later. */
final class StorePaused extends Error {
    private static final long serialVersionUID = 1L;

    StorePaused(Throwable cause) {
        super("the store could not be written: " + cause.getMessage(), cause, false, false);
    }
}
