package dev.baton;

/**
 * A lock or pool was taken and its policy is {@link LockPolicy#FAIL}, or the maximum wait passed.
 * Ends the step (or run) at once: retrying immediately would meet the same holder.
 */
public class LockUnavailableException extends BatonException implements NonRetryable {
    private static final long serialVersionUID = 1L;

    /** @param message names the lock, the holder, the run and what to do */
    public LockUnavailableException(String message) {
        super(message);
    }
}
