package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.ErrorInfo;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.StepInfo;
import dev.baton.StepStatus;
import dev.baton.TimelineEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;

/** {@code baton show}: one run in full. */
@Command(name = "show", description = {
        "Shows a run: status, input, output or error with its stack trace; then its steps in sequence order "
                + "with kind, status, attempts, duration, output or error, and every failed attempt with when the "
                + "next was due; then its timeline."})
final class ShowCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Option(names = "--json", description = "Print one JSON object {run, steps, timeline}.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        RunInfo run;
        List<StepInfo> steps;
        List<TimelineEvent> timeline;
        try (Session engine = open(null, true)) {
            Baton baton = engine.baton();
            run = baton.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            steps = baton.steps(runId);
            timeline = baton.timeline(runId);
        }
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("run", Json.run(run));
            ArrayNode stepArray = root.putArray("steps");
            steps.forEach(step -> stepArray.add(Json.step(step)));
            root.set("timeline", Json.tree(timeline));
            terminal.println(Json.write(root));
            return ExitCodes.OK;
        }
        printRun(terminal, run);
        printSteps(terminal, steps);
        printTimeline(terminal, timeline);
        return ExitCodes.OK;
    }

    private static void printRun(Terminal terminal, RunInfo run) {
        Style style = terminal.style();
        Formats formats = terminal.formats();
        Instant now = Instant.now();
        field(terminal, "Run", style.bold(run.id()));
        field(terminal, "Workflow", run.workflow());
        String status = style.status(run.status(), run.status().name());
        if (run.cancelRequested() && !run.status().isTerminal()) {
            status += " (cancel requested)";
        }
        if (run.status() == dev.baton.RunStatus.WAITING && run.waitingFor() != null) {
            status += " for " + run.waitingFor() + (run.wakeAt() == null ? "" : " until " + formats.dateTime(run.wakeAt()));
        }
        field(terminal, "Status", status);
        if (run.parentRunId() != null) {
            field(terminal, "Parent", run.parentRunId());
        }
        if (run.idempotencyKey() != null) {
            field(terminal, "Key", run.idempotencyKey());
        }
        if (run.codeVersion() != null) {
            field(terminal, "Version", run.codeVersion());
        }
        field(terminal, "Created", formats.dateTime(run.createdAt()));
        if (run.startedAt() != null) {
            field(terminal, "Started", formats.dateTime(run.startedAt()));
        }
        if (run.endedAt() != null) {
            field(terminal, "Ended", formats.dateTime(run.endedAt()) + "  (took "
                    + Formats.duration(Formats.between(run.startedAt() != null ? run.startedAt() : run.createdAt(), run.endedAt(), now)) + ")");
        }
        if (run.owner() != null) {
            field(terminal, "Worker", run.owner());
        }
        field(terminal, "Input", run.input() == null ? "null" : run.input());
        if (run.output() != null) {
            field(terminal, "Output", run.output());
        }
        if (run.error() != null) {
            field(terminal, "Error", style.red(run.error().summary()));
            printStackTrace(terminal, run.error(), "          ");
        }
    }

    private static void printSteps(Terminal terminal, List<StepInfo> steps) {
        Style style = terminal.style();
        Formats formats = terminal.formats();
        terminal.println();
        if (steps.isEmpty()) {
            terminal.println(style.bold("Steps") + "  none recorded");
            return;
        }
        terminal.println(style.bold("Steps"));
        Instant now = Instant.now();
        Table table = new Table("SEQ>", "NAME", "KIND", "STATUS", "ATTEMPTS>", "DURATION>", "OUTPUT / ERROR");
        for (StepInfo step : steps) {
            table.row(String.valueOf(step.seq()), step.name(), step.kind().name(),
                    style.status(step.status(), step.status().name()), attempts(step), duration(step, now),
                    outcome(terminal, step));
        }
        List<String> lines = table.render(style, "  ");
        terminal.println(lines.get(0));
        for (int i = 0; i < steps.size(); i++) {
            terminal.println(lines.get(i + 1));
            List<AttemptInfo> attempts = steps.get(i).attempts();
            for (AttemptInfo attempt : attempts) {
                // A single failed attempt is the step's own error, shown in its row already.
                if (attempt.error() == null || (attempts.size() == 1 && attempt.nextAttemptAt() == null)) {
                    continue;
                }
                String next = attempt.nextAttemptAt() == null ? "" : "; next attempt due "
                        + formats.dateTime(attempt.nextAttemptAt()) + " (after "
                        + Formats.duration(Formats.between(attempt.endedAt(), attempt.nextAttemptAt(), now)) + ")";
                terminal.println("        attempt " + attempt.attempt() + " at " + formats.dateTime(attempt.startedAt())
                        + " " + style.red("failed") + " after "
                        + Formats.duration(Formats.between(attempt.startedAt(), attempt.endedAt(), now)) + ": "
                        + Formats.abbreviate(attempt.error().summary(), 160) + next);
            }
        }
    }

    private static String attempts(StepInfo step) {
        int count = step.attempts().isEmpty() ? 1 : step.attempts().stream().mapToInt(AttemptInfo::attempt).max().orElse(1);
        return String.valueOf(count);
    }

    private static String duration(StepInfo step, Instant now) {
        if (step.startedAt() == null) {
            return "-";
        }
        String text = Formats.duration(Formats.between(step.startedAt(), step.endedAt(), now));
        return step.endedAt() == null ? "(" + text + ")" : text;
    }

    private static String outcome(Terminal terminal, StepInfo step) {
        if (step.error() != null) {
            return terminal.style().red(Formats.abbreviate(step.error().summary(), 90));
        }
        if (step.status() == StepStatus.WAITING) {
            String what = step.detail() == null ? "" : step.detail();
            return Formats.abbreviate((what.isEmpty() ? "" : what + "; ")
                    + (step.wakeAt() == null ? "" : "due " + terminal.formats().dateTime(step.wakeAt())), 90);
        }
        if (step.output() != null) {
            return Formats.abbreviate(step.output(), 90);
        }
        return step.detail() == null ? "" : Formats.abbreviate(step.detail(), 90);
    }

    private static void printTimeline(Terminal terminal, List<TimelineEvent> timeline) {
        terminal.println();
        terminal.println(terminal.style().bold("Timeline"));
        Table table = new Table("AT", "EVENT", "DETAIL");
        for (TimelineEvent event : timeline) {
            table.row(terminal.formats().dateTime(event.at()), event.type(),
                    event.detail() == null ? "" : Formats.abbreviate(event.detail(), 120));
        }
        table.render(terminal.style(), "  ").forEach(terminal::println);
    }

    private static void field(Terminal terminal, String name, String value) {
        terminal.println(String.format("%-9s %s", name, value));
    }

    private static void printStackTrace(Terminal terminal, ErrorInfo error, String indent) {
        if (error.stackTrace() == null || error.stackTrace().isBlank()) {
            return;
        }
        String[] lines = error.stackTrace().strip().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            // The first line repeats the summary printed just above.
            if (i == 0 && lines[0].strip().equals(error.summary())) {
                continue;
            }
            terminal.println(indent + terminal.style().dim(lines[i]));
        }
    }
}
