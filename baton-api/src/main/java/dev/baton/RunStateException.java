package dev.baton;

/** An action that the run's current state does not allow, e.g. signalling a finished run. */
public class RunStateException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param message names the run, its state and why the action is refused */
    public RunStateException(String message) {
        super(message);
    }
}
