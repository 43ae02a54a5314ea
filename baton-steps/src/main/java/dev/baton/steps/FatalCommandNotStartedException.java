package dev.baton.steps;

import dev.baton.NonRetryable;

/**
 * A command could not be started and {@link ShellStep#retryLaunchFailures(boolean)} is off (the
 * default): a retry would fail the same way, so the step ends at once.
 */
public class FatalCommandNotStartedException extends CommandNotStartedException implements NonRetryable {
    private static final long serialVersionUID = 1L;

    /**
     * @param command the command as displayed, secrets masked
     * @param message what happened and what to do
     * @param cause   the underlying failure, or null
     */
    public FatalCommandNotStartedException(String command, String message, Throwable cause) {
        super(command, message, cause);
    }
}
