package dev.baton.cli;

import dev.baton.StoreException;
import dev.baton.engine.manifest.Change;
import dev.baton.engine.manifest.Deployments;
import dev.baton.engine.manifest.ManifestFormatException;
import dev.baton.engine.manifest.ReviewJson;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code baton deployments}: the deploy history of a store, newest first. */
@Command(name = "deployments", description = {
        "Lists the deploys recorded in the target store, newest first: id, time, author, code version,",
        "what each changed since the deploy before it (+added ~changed -removed), manifest hash.",
        "Exit codes: 0 ok, 1 an error."})
final class DeploymentsCommand extends ReviewCommand {
    @Option(names = "--target", paramLabel = "STORE",
            description = "The store, sqlite:PATH or a path. Default: --db.")
    String target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "The most deploys to list. Default: 20.")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of {id, deployedAt, author, codeVersion, hash, format, changes}.")
    boolean json;

    @Override
    public Integer call() {
        Path file = targetFile(target);
        List<DeploymentRow> rows;
        try (SqliteStore store = openReadOnly(file)) {
            rows = store.deployments(limit + 1); // one more: what the oldest listed deploy changed
        } catch (StoreException e) {
            throw new CliException(FAILED, "target " + file + ": " + e.getMessage());
        }
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            changes.add(changes(rows.get(i), i + 1 < rows.size() ? rows.get(i + 1) : null));
        }
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
        }
        Terminal terminal = terminal();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> summary = summary(rows.get(i));
                summary.put("changes", changes.get(i));
                out.add(summary);
            }
            terminal.println(ReviewJson.write(out));
            return ExitCodes.OK;
        }
        if (rows.isEmpty()) {
            terminal.println("No deploys recorded in " + file + ". Record one with `" + terminal.command("deploy") + "`.");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "DEPLOYED", "AUTHOR", "CODE", "CHANGES", "MANIFEST");
        for (int i = 0; i < rows.size(); i++) {
            DeploymentRow row = rows.get(i);
            table.row(String.valueOf(row.id()), terminal.formats().dateTime(Instant.ofEpochMilli(row.deployedAt())),
                    row.author(), row.codeVersion() == null ? "-" : row.codeVersion(), changes.get(i), row.manifestHash());
        }
        table.render(terminal.style(), "").forEach(terminal::println);
        return ExitCodes.OK;
    }

    /**
     * @param row    a deploy
     * @param before the deploy before it, or null
     * @return what it changed, e.g. {@code +1 ~2 -0}, {@code first} or {@code none}; {@code ?} when a
     *         manifest is of a format this Baton cannot read
     */
    private static String changes(DeploymentRow row, DeploymentRow before) {
        try {
            List<Change> diff = Deployments.diff(row, before);
            if (before == null) {
                return "first";
            }
            if (diff.isEmpty()) {
                return "none";
            }
            return "+" + count(diff, Change.Action.ADDED) + " ~" + count(diff, Change.Action.CHANGED)
                    + " -" + count(diff, Change.Action.REMOVED);
        } catch (ManifestFormatException e) {
            return "?";
        }
    }

    private static long count(List<Change> diff, Change.Action action) {
        return diff.stream().filter(c -> c.action() == action).count();
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
