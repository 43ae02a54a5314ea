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

    /** @return the server's URL (--server or BATON_SERVER), or null when the command works on the store file */
    String server() {
        return root.server();
    }

    /**
     * Opens what the command works on: the server given with --server, else the store file with
     * an engine in this process.
     *
     * @param listener  receives progress events of runs executed here, or null (a server's runs
     *                  execute there)
     * @param mustExist whether a missing store file is an error
     * @return the session, not yet executing runs
     */
    Session open(dev.baton.RunListener listener, boolean mustExist) {
        String url = server();
        if (url != null) {
            return new RemoteSession(url, root.token());
        }
        return LocalEngine.open(db(), listener, mustExist, terminal());
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
