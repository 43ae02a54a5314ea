package dev.baton.steps;

import dev.baton.BatonException;

/**
 * A shell-command step failed: the base of {@link ExitCodeException} and
 * {@link CommandNotStartedException}. Messages name the command with secrets shown by name and
 * their values masked.
 */
public class CommandFailedException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final String command;

    /**
     * @param command the command as displayed, secrets masked
     * @param message what happened and what to do
     * @param cause   the underlying failure, or null
     */
    public CommandFailedException(String command, String message, Throwable cause) {
        super(message, cause);
        this.command = command;
    }

    /** @return the command as displayed, secrets masked */
    public String command() {
        return command;
    }
}
