package dev.baton.steps;

import dev.baton.NonRetryable;

/**
 * A command exited with a code that is neither a success code nor retryable: the step ends at
 * once, whatever its {@code Retry} policy says.
 */
public class FatalExitCodeException extends ExitCodeException implements NonRetryable {
    private static final long serialVersionUID = 1L;

    /**
     * @param command    the command as displayed, secrets masked
     * @param exitCode   the exit code
     * @param stderrTail the last lines of stderr, secrets masked
     * @param message    the full message
     */
    public FatalExitCodeException(String command, int exitCode, String stderrTail, String message) {
        super(command, exitCode, stderrTail, message);
    }
}
