package dev.baton.steps;

import java.time.Duration;
import java.util.List;

/**
 * What a shell-command step returns when its exit code is a success code; checkpointed like any
 * step result, so a replay returns the same. The output summaries are the ends of the streams
 * (by default the last 16 KiB of each), with secrets masked; the whole output is in the step's
 * log.
 *
 * @param exitCode        the exit code, one of the step's success codes
 * @param stdout          the end of standard output
 * @param stdoutTruncated whether standard output was longer than its summary
 * @param stderr          the end of standard error
 * @param stderrTruncated whether standard error was longer than its summary
 * @param duration        how long the command ran
 */
public record ShellResult(int exitCode, String stdout, boolean stdoutTruncated, String stderr,
                          boolean stderrTruncated, Duration duration) {

    /** @return the lines of the stdout summary */
    public List<String> stdoutLines() {
        return stdout.isEmpty() ? List.of() : stdout.lines().toList();
    }

    /** @return the lines of the stderr summary */
    public List<String> stderrLines() {
        return stderr.isEmpty() ? List.of() : stderr.lines().toList();
    }
}
