package dev.baton.cli;

import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.engine.store.Store;
import dev.baton.replay.HistoryExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code baton export}: the histories of runs, one JSON line per run, for {@code baton replay-check}. */
@Command(name = "export", description = "Writes the histories of runs as JSON Lines (one run per line: the run, its "
        + "recorded calls, attempts, signals and child runs), for `replay-check` against new code. Only reads the store.")
final class ExportCommand extends CliCommand {

    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "Only runs in these states, comma-separated: ${COMPLETION-CANDIDATES}. "
                    + "Default: the runs in flight (PENDING, RUNNING, WAITING).")
    List<RunStatus> statuses;

    @Option(names = "--workflow", paramLabel = "WORKFLOW", description = "Only runs of this workflow.")
    String workflow;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        if (!Files.isRegularFile(db())) {
            throw new CliException(ExitCodes.ERROR, "no Baton store at " + db() + ": nothing to export. Point --db "
                    + "(or BATON_DB) at the store of the environment whose runs you want to check");
        }
        Set<RunStatus> wanted = statuses == null || statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        int count;
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db()))) {
            HistoryExport export = new HistoryExport(store);
            if (output == null) {
                count = export.write(workflow, wanted, spec.commandLine().getOut());
            } else {
                try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    count = export.write(workflow, wanted, out);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write " + output + ": " + e.getMessage(), e);
                }
            }
        }
        terminal.error("Exported " + count + (count == 1 ? " run" : " runs")
                + (output == null ? "" : " to " + output) + ". Check the histories against new code with `"
                + terminal.command("replay-check " + (output == null ? "FILE" : output.toString())) + "`.");
        return ExitCodes.OK;
    }
}
