package dev.baton.cli;

import dev.baton.InvalidInputException;
import dev.baton.RunNotFoundException;
import dev.baton.RunStateException;
import dev.baton.WorkflowNotFoundException;
import picocli.CommandLine;

/**
 * The command's exit codes, and which failure maps to which.
 *
 * <ul>
 *   <li>{@value #OK}: done; the run completed, or waits for something outside this process;</li>
 *   <li>{@value #RUN_FAILED}: the run failed or was cancelled (or, for {@code demo --once}, a
 *       case did not end as expected; for {@code lint}, findings);</li>
 *   <li>{@value #USAGE}: bad usage: unknown option or command, unknown workflow, unknown run id,
 *       malformed or mistyped JSON, an action the run's state refuses;</li>
 *   <li>{@value #ERROR}: the store or anything else failed.</li>
 * </ul>
 */
final class ExitCodes {
    /** Done. */
    static final int OK = 0;
    /** A run failed or was cancelled. */
    static final int RUN_FAILED = 1;
    /** {@code baton lint} found code that breaks replay. */
    static final int FINDINGS = 1;
    /** Bad usage or input. */
    static final int USAGE = 2;
    /** A store or other error. */
    static final int ERROR = 3;

    private ExitCodes() {
    }

    /** @param failure what a command threw @return its exit code */
    static int of(Throwable failure) {
        if (failure instanceof CliException cli) {
            return cli.exitCode();
        }
        if (failure instanceof WorkflowNotFoundException || failure instanceof InvalidInputException
                || failure instanceof RunNotFoundException || failure instanceof RunStateException
                || failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return ERROR;
    }
}
