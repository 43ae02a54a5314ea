package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton wait}: executes due runs here until one run has finished. */
@Command(name = "wait", description = {
        "Executes runs of this store in this process until RUN_ID has finished, printing its progress. "
                + "Use it for a run that sleeps or backs off for longer than `run` stays."})
final class WaitCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        ProgressPrinter printer = new ProgressPrinter(terminal);
        try (Session engine = open(printer, true)) {
            Baton baton = engine.baton();
            RunInfo run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            engine.start();
            if (!run.status().isTerminal()) {
                terminal.println("Waiting for run " + terminal.style().bold(runId) + " (" + run.workflow() + "), "
                        + run.status() + (run.waitingFor() == null ? "" : " for " + run.waitingFor())
                        + "; Ctrl-C stops waiting.");
            }
            printer.workflowWidth(run.workflow().length());
            printer.release(ProgressPrinter.runAndChildren(runId));
            RunFollower.Outcome outcome;
            try (RemoteProgress progress = RemoteProgress.follow(engine, runId, printer, false)) {
                outcome = new RunFollower(baton).follow(runId, true, null, null);
            }
            return Outcomes.report(terminal, outcome);
        }
    }
}
