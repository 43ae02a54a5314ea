package dev.baton;

/** Thrown by {@link RunHandle#result} when the awaited run failed or was cancelled. */
public class RunFailedException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final RunInfo run;

    /** @param run the run as it ended */
    public RunFailedException(RunInfo run) {
        super("run " + run.id() + " of workflow " + run.workflow() + " ended " + run.status()
                + (run.error() == null ? "" : ": " + run.error().type() + ": " + run.error().message()));
        this.run = run;
    }

    /** @return the run as it ended */
    public RunInfo run() {
        return run;
    }
}
