package dev.baton;

/**
 * Thrown into workflow code, once, from the durable call that was running or next made when the
 * run was cancelled. {@code finally} blocks and catch blocks run as usual, and durable calls made
 * afterwards (compensation) work normally. The run ends as CANCELLED whatever the method returns.
 */
public class RunCancelledException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final String runId;

    /** @param runId the cancelled run @param where the durable call that observed it */
    public RunCancelledException(String runId, String where) {
        super("run " + runId + " was cancelled" + (where == null ? "" : " (at " + where + ")"));
        this.runId = runId;
    }

    /** @return the run's id */
    public String runId() {
        return runId;
    }
}
