package dev.baton.steps;

/**
 * A command exited with a code that is not a success code and is retryable: the step's
 * {@code Retry} policy decides whether another attempt follows. The message names the command,
 * the exit code and the last lines of stderr, secrets masked.
 */
public class ExitCodeException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String stderrTail;

    /**
     * @param command    the command as displayed, secrets masked
     * @param exitCode   the exit code
     * @param stderrTail the last lines of stderr, secrets masked
     * @param message    the full message
     */
    public ExitCodeException(String command, int exitCode, String stderrTail, String message) {
        super(command, message, null);
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
    }

    /** @return the exit code */
    public int exitCode() {
        return exitCode;
    }

    /** @return the last lines of stderr, secrets masked; empty when it printed nothing */
    public String stderrTail() {
        return stderrTail;
    }
}
