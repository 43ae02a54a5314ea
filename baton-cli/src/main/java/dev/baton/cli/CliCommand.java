package dev.baton.cli;

import dev.baton.StartOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What every subcommand shares: the global options and where to print. */
abstract class CliCommand implements Callable<Integer> {
    @ParentCommand
    BatonCli root;

    @Spec
    CommandSpec spec;

    /** @return where this command prints */
    Terminal terminal() {
        return root.terminal(spec.commandLine());
    }

    /** @return the store file */
    Path db() {
        return root.db();
    }

    /**
     * @param runId a run id, or null
     * @param key   an idempotency key, or null
     * @return the start options
     * @throws CliException with exit code 2 when one is malformed
     */
    static StartOptions startOptions(String runId, String key) {
        try {
            return new StartOptions(runId, key);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
