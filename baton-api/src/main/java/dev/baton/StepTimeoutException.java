package dev.baton;

/** An attempt of a step ran longer than the step's timeout and was interrupted. Retryable. */
public class StepTimeoutException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param message names the run, the step, the attempt and the timeout */
    public StepTimeoutException(String message) {
        super(message);
    }
}
