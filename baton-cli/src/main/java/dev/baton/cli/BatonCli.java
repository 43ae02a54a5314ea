package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code baton} command: runs the Baton engine in this process on a local SQLite store, with
 * the workflows of every {@link dev.baton.WorkflowCatalog} on the class path.
 *
 * <p>Exit codes: 0 ok; 1 a run failed or was cancelled; 2 bad usage or input (unknown workflow
 * or run id, malformed or mistyped JSON); 3 a store or other error. {@code BATON_DEBUG=1} adds
 * stack traces and debug logging.
 */
@Command(name = "baton", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = BatonCli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Baton: durable workflows as code. Runs the engine in this process on a local SQLite store,",
                "or, with --server URL, talks to a running Baton server."},
        subcommands = {DemoCommand.class, ServerCommand.class, WorkflowsCommand.class, RunCommand.class, RunsCommand.class,
                ShowCommand.class, LogsCommand.class, SignalCommand.class, CancelCommand.class, RetryCommand.class,
                WaitCommand.class,
                SchedulesCommand.class, SchedulesCommand.Fires.class, SchedulesCommand.Pause.class,
                SchedulesCommand.Resume.class, SchedulesCommand.Backfill.class, LintCommand.class,
                ManifestCommand.class, PlanCommand.class, DeployCommand.class, DeploymentsCommand.class,
                SimulateCommand.class, ExportCommand.class, ReplayCheckCommand.class,
                UsersCommand.class, TokensCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok: the run completed, or waits for a signal or a later time",
                "  1  a run failed or was cancelled (demo --once: a run ended unexpectedly; lint: findings;",
                "     replay-check: the code would break a run)",
                "  2  bad usage: unknown command, option, workflow or run id; bad JSON",
                "  3  the store or something else failed (BATON_DEBUG=1: stack trace)",
                "  manifest, plan, deploy, deployments, simulate: 0 ok (plan: no changes), 2 plan: changes, 1 any error"})
public final class BatonCli implements Runnable {
    /** The store used when neither --db nor BATON_DB says otherwise. */
    public static final String DEFAULT_DB = ".baton/baton.db";

    @Option(names = "--db", paramLabel = "PATH", scope = ScopeType.INHERIT,
            defaultValue = "${env:BATON_DB:-" + DEFAULT_DB + "}",
            description = "The store, a SQLite file. Default: $BATON_DB or " + DEFAULT_DB)
    Path db;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:BATON_SERVER}",
            description = "Talk to a running Baton server (`baton server`) at URL, e.g. http://127.0.0.1:8080, "
                    + "instead of opening the store file. Default: $BATON_SERVER, else the store file.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT, defaultValue = "${env:BATON_TOKEN}",
            description = "The API token for --server when it asks for one (`baton tokens create`). "
                    + "Default: $BATON_TOKEN. Prefer the variable: an option shows in the process list.")
    String token;

    @Spec
    CommandSpec spec;

    private final boolean colour;
    private final String launcher;

    /** A command that writes plain text and spells itself {@code baton} in hints. */
    public BatonCli() {
        this(false, "baton");
    }

    private BatonCli(boolean colour, String launcher) {
        this.colour = colour;
        this.launcher = launcher;
    }

    /**
     * Runs the command and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (debug()) {
            System.setProperty("baton.log.level", "DEBUG");
            System.setProperty("baton.console.level", "DEBUG");
        }
        String launcher = System.getenv("BATON_LAUNCHER");
        BatonCli root = new BatonCli(CommandLine.Help.Ansi.AUTO.enabled(),
                launcher == null || launcher.isBlank() ? "baton" : launcher);
        CommandLine commandLine = commandLine(root);
        commandLine.setCommandName(root.launcher);
        System.exit(commandLine.execute(args));
    }

    /**
     * @param root the top command
     * @return a command line with Baton's parsing and error handling, for {@code execute}
     */
    public static CommandLine commandLine(BatonCli root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // --input @FILE is read by the run command itself; picocli would splice the file into the arguments.
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine cl = failure.getCommandLine();
            cl.getErr().println(cl.getCommandSpec().root().name() + ": " + failure.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(failure, cl.getErr());
            cl.getErr().println("Help: " + cl.getCommandSpec().qualifiedName() + " --help");
            cl.getErr().flush();
            // plan, deploy, simulate: 2 means "changes" to a pipeline, so every error is 1.
            return cl.getCommand() instanceof ReviewCommand ? ReviewCommand.FAILED : ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((failure, cl, parseResult) -> {
            int code = cl.getCommand() instanceof ReviewCommand && !(failure instanceof CliException)
                    ? ReviewCommand.FAILED : ExitCodes.of(failure);
            String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            cl.getErr().println(cl.getCommandSpec().root().name() + ": " + message);
            if (debug()) {
                failure.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return code;
        });
        return commandLine;
    }

    /** @return a command line for the plain command, as tests and embedding code use it */
    public static CommandLine commandLine() {
        return commandLine(new BatonCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return the store file */
    Path db() {
        return db;
    }

    /** @return the server's URL given with --server or BATON_SERVER, or null for the store file */
    String server() {
        return server == null || server.isBlank() ? null : server.strip();
    }

    /** @return the API token given with --token or BATON_TOKEN, or null */
    String token() {
        return token == null || token.isBlank() ? null : token.strip();
    }

    /** @param commandLine the executing (sub)command @return where it prints */
    Terminal terminal(CommandLine commandLine) {
        return new Terminal(commandLine.getOut(), commandLine.getErr(), new Style(colour), Formats.local(), launcher);
    }

    static boolean debug() {
        return "1".equals(System.getenv("BATON_DEBUG"));
    }

    /** Reads the version written into the jar at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = BatonCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"baton " + properties.getProperty("version", "(unknown version)")
                    + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.vendor", "") + ")"};
        }
    }
}
