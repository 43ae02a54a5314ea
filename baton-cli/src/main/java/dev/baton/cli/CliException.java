package dev.baton.cli;

/** A failure the command reports with a message and an exit code, without a stack trace. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** @param exitCode see {@link ExitCodes} @param message what went wrong and what to do */
    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** @return the exit code */
    int exitCode() {
        return exitCode;
    }
}
