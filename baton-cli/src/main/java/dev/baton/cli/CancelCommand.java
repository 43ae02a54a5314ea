package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** {@code baton cancel}: requests a run's cancellation. */
@Command(name = "cancel", description = {
        "Requests the cancellation of a run: running steps are interrupted and its finally blocks run. "
                + "A run nobody executes is cancelled here at once; a run executing in another process is "
                + "cancelled when that worker next checks. Waits up to " + CancelCommand.WAIT_SECONDS
                + " seconds for the run to end."})
final class CancelCommand extends CliCommand {
    /** How long the command waits for the run to end. */
    static final int WAIT_SECONDS = 5;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        Style style = terminal.style();
        ProgressPrinter printer = new ProgressPrinter(terminal);
        try (Session engine = open(printer, true)) {
            Baton baton = engine.baton();
            RunInfo run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            if (run.status().isTerminal()) {
                terminal.println("Run " + runId + " (" + run.workflow() + ") already ended "
                        + style.status(run.status(), run.status().name()) + "; there is nothing to cancel.");
                return ExitCodes.OK;
            }
            engine.start();
            baton.cancel(runId);
            terminal.println("Cancellation of run " + style.bold(runId) + " (" + run.workflow() + ") requested.");
            printer.workflowWidth(run.workflow().length());
            printer.release(ProgressPrinter.runAndChildren(runId));
            RunInfo now = new RunFollower(baton).follow(runId, true, Duration.ofSeconds(WAIT_SECONDS), null).run();
            if (now.status() == RunStatus.CANCELLED) {
                terminal.println("Run " + runId + " " + style.yellow("CANCELLED") + ".");
            } else if (now.status().isTerminal()) {
                terminal.println("Run " + runId + " ended " + style.status(now.status(), now.status().name())
                        + " before the cancellation reached it.");
            } else {
                terminal.println("Run " + runId + " is still " + now.status()
                        + (now.owner() == null ? "" : " on worker " + now.owner())
                        + "; the cancellation takes effect when its worker next checks.");
            }
            return ExitCodes.OK;
        }
    }
}
