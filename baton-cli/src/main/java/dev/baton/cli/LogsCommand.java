package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.LogLine;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.StepInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code baton logs}: what a run's steps logged, optionally followed until the run ends. */
@Command(name = "logs", description = {
        "Prints the lines a run's steps logged (a shell step's stdout and stderr, lines logged through "
                + "StepContext.log), oldest first, with the step and attempt. Secrets are masked.",
        "With --follow, keeps printing new lines until the run has finished (or Ctrl-C); the run is "
                + "executed by whichever worker holds it."})
final class LogsCommand extends CliCommand {
    private static final int PAGE = 1_000;
    private static final long FOLLOW_POLL_MILLIS = 200;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the run has finished.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = terminal();
        try (Session engine = open(null, true)) {
            Baton baton = engine.baton();
            RunInfo run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            Map<Integer, String> stepNames = new HashMap<>();
            long after = 0;
            while (true) {
                List<LogLine> lines = baton.logs(runId, after, PAGE);
                for (LogLine line : lines) {
                    print(terminal, baton, stepNames, line);
                    after = line.id();
                }
                if (lines.size() == PAGE) {
                    continue;
                }
                if (!follow || run.status().isTerminal()) {
                    return ExitCodes.OK;
                }
                Thread.sleep(FOLLOW_POLL_MILLIS);
                run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
                if (run.status().isTerminal()) {
                    follow = false; // one last read picks up the lines written before the end
                }
            }
        }
    }

    private void print(Terminal terminal, Baton baton, Map<Integer, String> stepNames, LogLine line) {
        if (json) {
            terminal.println(Json.compact(line));
            return;
        }
        String step = stepNames.computeIfAbsent(line.seq(), seq -> baton.steps(runId).stream()
                .filter(s -> s.seq() == seq).map(StepInfo::name).findFirst().orElse("#" + seq));
        terminal.println(terminal.style().dim(terminal.formats().time(line.at())) + "  " + step
                + (line.attempt() > 1 ? " (attempt " + line.attempt() + ")" : "") + "  "
                + ("stderr".equals(line.stream()) ? terminal.style().red(line.stream()) : line.stream()) + "  " + line.line());
    }
}
