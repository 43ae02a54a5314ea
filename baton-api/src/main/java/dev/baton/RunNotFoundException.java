package dev.baton;

/** No run with that id exists in the store. */
public class RunNotFoundException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param runId the unknown id */
    public RunNotFoundException(String runId) {
        super("no run with id '" + runId + "' exists in this store; list runs with `baton runs`");
    }
}
