package dev.baton.cli;

import dev.baton.StoreException;
import dev.baton.engine.manifest.ReviewJson;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code baton deployments}: the deploy history of a store, newest first. */
@Command(name = "deployments", description = {
        "Lists the deploys recorded in the target store, newest first: id, time, author, code version,",
        "manifest hash. Exit codes: 0 ok, 1 an error."})
final class DeploymentsCommand extends ReviewCommand {
    @Option(names = "--target", paramLabel = "STORE",
            description = "The store, sqlite:PATH or a path. Default: --db.")
    String target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "The most deploys to list. Default: 20.")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of {id, deployedAt, author, codeVersion, hash}.")
    boolean json;

    @Override
    public Integer call() {
        Path file = targetFile(target);
        List<DeploymentRow> rows;
        try (SqliteStore store = openReadOnly(file)) {
            rows = store.deployments(limit);
        } catch (StoreException e) {
            throw new CliException(FAILED, "target " + file + ": " + e.getMessage());
        }
        Terminal terminal = terminal();
        if (json) {
            terminal.println(ReviewJson.write(rows.stream().map(DeploymentsCommand::summary).toList()));
            return ExitCodes.OK;
        }
        if (rows.isEmpty()) {
            terminal.println("No deploys recorded in " + file + ". Record one with `" + terminal.command("deploy") + "`.");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "DEPLOYED", "AUTHOR", "CODE", "MANIFEST");
        for (DeploymentRow row : rows) {
            table.row(String.valueOf(row.id()), terminal.formats().dateTime(Instant.ofEpochMilli(row.deployedAt())),
                    row.author(), row.codeVersion() == null ? "-" : row.codeVersion(), row.manifestHash());
        }
        table.render(terminal.style(), "").forEach(terminal::println);
        return ExitCodes.OK;
    }

    private static Map<String, Object> summary(DeploymentRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        out.put("deployedAt", Instant.ofEpochMilli(row.deployedAt()));
        out.put("author", row.author());
        out.put("codeVersion", row.codeVersion());
        out.put("hash", row.manifestHash());
        out.put("format", row.format());
        return out;
    }
}
