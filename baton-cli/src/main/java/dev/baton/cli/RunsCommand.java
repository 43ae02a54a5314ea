package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code baton runs}: the newest runs, filtered. */
@Command(name = "runs", description = "Lists runs, newest first: id, workflow, status, created, duration, and "
        + "what a run waits for, its error or its result.")
final class RunsCommand extends CliCommand {

    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "Only runs in these states, comma-separated: ${COMPLETION-CANDIDATES}.")
    List<RunStatus> statuses;

    @Option(names = "--workflow", paramLabel = "WORKFLOW", description = "Only runs of this workflow.")
    String workflow;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "The most runs listed, 1 to 10000. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of runs.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        if (limit < 1 || limit > 10_000) {
            throw new CliException(ExitCodes.USAGE, "--limit must be between 1 and 10000, was " + limit);
        }
        Set<RunStatus> wanted = statuses == null || statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        RunQuery query = RunQuery.all().withWorkflow(workflow).withStatuses(wanted).withLimit(limit);
        List<RunInfo> runs;
        String where;
        try (Session engine = open(null, true)) {
            runs = engine.baton().runs(query);
            where = engine.where();
        }
        if (json) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            runs.forEach(run -> array.add(Json.run(run)));
            terminal.println(Json.write(array));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            terminal.println("No runs" + (workflow != null || !wanted.isEmpty() ? " match." : " yet in " + where + "."));
            return ExitCodes.OK;
        }
        Style style = terminal.style();
        Instant now = Instant.now();
        Table table = new Table("RUN ID", "WORKFLOW", "STATUS", "CREATED", "DURATION>", "DETAIL");
        for (RunInfo run : runs) {
            table.row(run.id(), run.workflow(), style.status(run.status(), run.status().name()),
                    terminal.formats().dateTime(run.createdAt()), duration(run, now), detail(terminal, run));
        }
        table.render(style, "").forEach(terminal::println);
        if (runs.size() == limit) {
            terminal.println(style.dim("(the " + limit + " newest; --limit N shows more)"));
        }
        return ExitCodes.OK;
    }

    /** Finished: how long it ran. Not finished: how long so far, in parentheses. */
    private static String duration(RunInfo run, Instant now) {
        if (run.startedAt() == null) {
            return "-";
        }
        String text = Formats.duration(Formats.between(run.startedAt(), run.endedAt(), now));
        return run.status().isTerminal() ? text : "(" + text + ")";
    }

    private static String detail(Terminal terminal, RunInfo run) {
        return switch (run.status()) {
            case WAITING -> Formats.abbreviate("waiting for " + (run.waitingFor() == null ? "?" : run.waitingFor())
                    + (run.wakeAt() == null ? "" : " until " + terminal.formats().dateTime(run.wakeAt())), 70);
            case FAILED, CANCELLED, SKIPPED -> run.error() == null ? "" : Formats.abbreviate(
                    Formats.simpleType(run.error().type()) + (run.error().message() == null ? "" : ": " + run.error().message()), 70);
            case COMPLETED -> Formats.abbreviate(run.output(), 50);
            case RUNNING -> run.cancelRequested() ? "cancel requested" : run.owner() == null ? "" : "on " + run.owner();
            case PENDING -> run.cancelRequested() ? "cancel requested" : "";
        };
    }
}
