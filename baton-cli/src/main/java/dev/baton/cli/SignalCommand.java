package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton signal}: sends a signal, then continues the run here. */
@Command(name = "signal", description = {
        "Sends the signal NAME with a JSON payload to a run, then continues the run in this process "
                + "like `run` without --wait."})
final class SignalCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Parameters(index = "1", paramLabel = "NAME", description = "The signal's name, e.g. approve.")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON",
            description = "The payload as JSON, e.g. true or '{\"ok\":true}'. Default: null.")
    String payload;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        ProgressPrinter printer = new ProgressPrinter(terminal);
        try (Session engine = open(printer, true)) {
            Baton baton = engine.baton();
            RunInfo run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            engine.start();
            RunFollower follower = new RunFollower(baton);
            RunFollower.SentSignal sent = follower.sent(runId, name);
            RunFollower.Outcome outcome;
            // With a server, what the run does from here is read from it: look before the signal goes.
            try (RemoteProgress progress = RemoteProgress.follow(engine, runId, printer, false)) {
                baton.signalJson(runId, name, payload);
                terminal.println("Sent signal '" + name + "' = " + (payload == null ? "null" : payload.strip())
                        + " to run " + terminal.style().bold(runId) + " (" + run.workflow() + ").");
                printer.workflowWidth(run.workflow().length());
                printer.release(ProgressPrinter.runAndChildren(runId));
                outcome = follower.follow(runId, false, null, sent);
            }
            return Outcomes.report(terminal, outcome);
        }
    }
}
