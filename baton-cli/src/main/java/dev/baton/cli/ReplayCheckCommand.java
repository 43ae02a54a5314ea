package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.WorkflowCatalog;
import dev.baton.replay.HistoryFileException;
import dev.baton.replay.HistoryFormat;
import dev.baton.replay.ReplayCheck;
import dev.baton.replay.ReplayReport;
import dev.baton.replay.RunHistory;
import dev.baton.replay.RunReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code baton replay-check FILE}: would the code here break any of the exported runs? */
@Command(name = "replay-check", description = "Replays exported run histories (from `export`) on the workflows here, "
        + "with the real engine in a throw-away store, executing no step: reports every run the code would break, "
        + "with its sequence number, what history recorded and what the code does now. Exit code 1 when any would break.")
final class ReplayCheckCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "The histories file; - for standard input.")
    String file;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "The longest replay of one run. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        if (timeoutSeconds < 1) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        List<RunHistory> histories = read();
        List<WorkflowCatalog> catalogs = Catalogs.all();
        ReplayReport report = ReplayCheck.of(builder -> catalogs.forEach(builder::workflows))
                .timeoutPerRun(Duration.ofSeconds(timeoutSeconds))
                .check(histories);
        if (json) {
            terminal.println(Json.write(json(report)));
        } else {
            print(terminal, report);
        }
        return report.compatible() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    private List<RunHistory> read() {
        try {
            if ("-".equals(file)) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                return HistoryFormat.read(in, "<stdin>");
            }
            return HistoryFormat.read(Path.of(file));
        } catch (HistoryFileException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void print(Terminal terminal, ReplayReport report) {
        Style style = terminal.style();
        if (report.runs().isEmpty()) {
            terminal.println("No runs in the file: nothing to check.");
            return;
        }
        Table table = new Table("LINE", "RUN ID", "WORKFLOW", "RESULT");
        for (RunReplay run : report.runs()) {
            table.row(run.source(), run.runId(), run.workflow(), result(style, run));
        }
        table.render(style, "").forEach(terminal::println);
        List<RunReplay> broken = report.broken();
        if (!broken.isEmpty()) {
            terminal.println();
            for (RunReplay run : broken) {
                terminal.println(style.red(run.source()) + ": " + run.detail());
            }
        }
        terminal.println();
        String summary = report.describe().lines().findFirst().orElse("");
        terminal.println(broken.isEmpty() ? style.green(summary) : style.red(summary));
    }

    private static String result(Style style, RunReplay run) {
        return switch (run.outcome()) {
            case REPLAYS -> style.green("replays");
            case NON_DETERMINISTIC -> style.red("BREAKS at seq " + run.seq());
            case FAILS -> style.red("FAILS");
            case UNKNOWN_WORKFLOW -> style.red("UNKNOWN WORKFLOW");
        };
    }

    private static ObjectNode json(ReplayReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("compatible", report.compatible());
        root.put("checked", report.runs().size());
        root.put("broken", report.broken().size());
        ArrayNode runs = root.putArray("runs");
        for (RunReplay run : report.runs()) {
            runs.add(Json.tree(run));
        }
        return root;
    }
}
