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
        + "recorded calls, attempts, signals and child runs), for `replay-check` against new code. Only reads the store; "
        + "with --server URL, reads the server's /api/histories.")
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
        Set<RunStatus> wanted = statuses == null || statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        if (server() != null) {
            ServerReader reader = new ServerReader(server(), root.token(), ExitCodes.ERROR);
            int count = write(out -> reader.copyHistories(workflow, wanted, out));
            return exported(terminal, count);
        }
        if (!Files.isRegularFile(db())) {
            throw new CliException(ExitCodes.ERROR, "no Baton store at " + db() + ": nothing to export. Point --db "
                    + "(or BATON_DB) at the store of the environment whose runs you want to check");
        }
        int count;
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db()))) {
            HistoryExport export = new HistoryExport(store);
            count = write(out -> export.write(workflow, wanted, out));
        }
        return exported(terminal, count);
    }

    /** @param export writes the histories to the writer it is given @return how many runs it wrote */
    private int write(java.util.function.ToIntFunction<Writer> export) {
        if (output == null) {
            return export.applyAsInt(spec.commandLine().getOut());
        }
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            return export.applyAsInt(out);
        } catch (CliException e) {
            // A stream cut short leaves no file that looks like a whole export.
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // the message below still says the export failed
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + output + ": " + e.getMessage(), e);
        }
    }

    private int exported(Terminal terminal, int count) {
        terminal.error("Exported " + count + (count == 1 ? " run" : " runs")
                + (output == null ? "" : " to " + output) + ". Check the histories against new code with `"
                + terminal.command("replay-check " + (output == null ? "FILE" : output.toString())) + "`.");
        return ExitCodes.OK;
    }
}
