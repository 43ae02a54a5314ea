package dev.baton;

/**
 * A replay reached a durable call that does not match history: the workflow code changed in a
 * way that in-flight runs cannot follow. The run fails with this error. To change code that runs
 * are in flight on, guard the change with {@link Flow#patched(String)}.
 */
public class NonDeterminismException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final int seq;
    private final String recorded;
    private final String current;

    /**
     * @param runId    the run
     * @param seq      the sequence number where history and code differ
     * @param recorded what history recorded there, e.g. {@code step 'extract'}
     * @param current  what the code does there now
     */
    public NonDeterminismException(String runId, int seq, String recorded, String current) {
        super("run " + runId + " cannot be replayed: at sequence number " + seq + " history recorded "
                + recorded + " but the workflow code now does " + current + ". The code changed in a way that "
                + "runs in flight cannot follow: restore the old code for this run, or guard the change with "
                + "flow.patched(\"change-id\") so that old runs keep the old path.");
        this.runId = runId;
        this.seq = seq;
        this.recorded = recorded;
        this.current = current;
    }

    /** @return the run's id */
    public String runId() {
        return runId;
    }

    /** @return the sequence number where history and code differ */
    public int seq() {
        return seq;
    }

    /** @return what history recorded at {@link #seq()} */
    public String recorded() {
        return recorded;
    }

    /** @return what the code does at {@link #seq()} now */
    public String current() {
        return current;
    }
}
