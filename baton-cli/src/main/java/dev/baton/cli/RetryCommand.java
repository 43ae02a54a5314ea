package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton retry}: runs a failed run again from its last checkpoint, then follows it. */
@Command(name = "retry", description = {
        "Runs a FAILED run again from its last checkpoint, under the same run id: its completed steps replay "
                + "from history and the failed step runs again with a fresh attempt count. Then continues the run "
                + "like `run` without --wait. Refused (exit 2) when the run is not FAILED."})
final class RetryCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The failed run.")
    String runId;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        ProgressPrinter printer = new ProgressPrinter(terminal);
        try (Session engine = open(printer, true)) {
            Baton baton = engine.baton();
            RunInfo run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            engine.start();
            RunFollower.Outcome outcome;
            // With a server, what the run does from here is read from it: look before it is retried.
            try (RemoteProgress progress = RemoteProgress.follow(engine, runId, printer, false)) {
                baton.retry(runId);
                terminal.println("Retrying run " + terminal.style().bold(runId) + " (" + run.workflow() + ") from its "
                        + "last checkpoint" + (run.error() == null ? "." : "; it had failed with " + run.error().summary() + "."));
                printer.workflowWidth(run.workflow().length());
                printer.release(ProgressPrinter.runAndChildren(runId));
                outcome = new RunFollower(baton).follow(runId, false, null, null);
            }
            return Outcomes.report(terminal, outcome);
        }
    }
}
