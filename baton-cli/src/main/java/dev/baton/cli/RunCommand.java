package dev.baton.cli;

import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.WorkflowInfo;
import dev.baton.WorkflowNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code baton run}: starts a run and executes it in this process. */
@Command(name = "run", description = {
        "Starts a run of WORKFLOW and executes it in this process, printing its progress.",
        "Without --wait it returns when the run has finished or waits for something outside this process "
                + "(a signal, or a timer more than a minute away), and says which command continues it."})
final class RunCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow's name (see `baton workflows`).")
    String workflow;

    @Option(names = "--input", paramLabel = "JSON",
            description = "The input as JSON, or @FILE to read it from a file. Default: null.")
    String input;

    @Option(names = "--id", paramLabel = "RUN_ID",
            description = "The run's id. Starting with an id that exists follows the existing run instead.")
    String runId;

    @Option(names = "--key", paramLabel = "IDEMPOTENCY_KEY",
            description = "An idempotency key. A key used before follows the run it started instead.")
    String key;

    @Option(names = "--wait", description = "Stay until the run has finished, sitting out every wait.")
    boolean waitToEnd;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        if (server() == null) {
            requireKnown(workflow);
        }
        String json = readInput(input);
        ProgressPrinter printer = new ProgressPrinter(terminal);
        try (Session engine = open(printer, false)) {
            engine.start();
            RunHandle run = engine.baton().startJson(workflow, json, startOptions(runId, key));
            RunInfo info = run.info();
            if (run.created()) {
                terminal.println("Run " + terminal.style().bold(run.runId()) + " of " + info.workflow() + " started"
                        + (engine.remote() ? " on " + engine.where() + "." : "."));
            } else {
                terminal.println("Run " + terminal.style().bold(run.runId()) + " of " + info.workflow()
                        + " already exists (same " + (runId != null ? "run id" : "idempotency key")
                        + "); no new run was started. It is " + info.status() + ".");
            }
            printer.workflowWidth(info.workflow().length());
            printer.release(ProgressPrinter.runAndChildren(run.runId()));
            RunFollower.Outcome outcome;
            try (RemoteProgress progress = RemoteProgress.follow(engine, run.runId(), printer, run.created())) {
                outcome = new RunFollower(engine.baton()).follow(run.runId(), waitToEnd, null, null);
            }
            return Outcomes.report(terminal, outcome);
        }
    }

    /** Fails before the store is opened (and perhaps created) when the name is unknown. */
    private static void requireKnown(String workflow) {
        List<String> known = Catalogs.workflows().stream().map(WorkflowInfo::name).toList();
        if (!known.contains(workflow)) {
            throw new WorkflowNotFoundException(workflow, known);
        }
    }

    /** @param value JSON, @FILE, or null @return the JSON text, or null */
    static String readInput(String value) {
        if (value == null || !value.startsWith("@")) {
            return value;
        }
        Path file = Path.of(value.substring(1));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the input file " + file + ": " + e);
        }
    }
}
