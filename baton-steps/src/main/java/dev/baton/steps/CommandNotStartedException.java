package dev.baton.steps;

/**
 * A command could not be started: its program does not exist or is not executable, or its
 * working directory or standard-input file does not exist. Thrown as this (retryable) type only
 * when {@link ShellStep#retryLaunchFailures(boolean)} is on; otherwise as
 * {@link FatalCommandNotStartedException}.
 */
public class CommandNotStartedException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param command the command as displayed, secrets masked
     * @param message what happened and what to do
     * @param cause   the underlying failure, or null
     */
    public CommandNotStartedException(String command, String message, Throwable cause) {
        super(command, message, cause);
    }
}
