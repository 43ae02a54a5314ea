package dev.baton.cli;

import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.engine.manifest.Change;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.Deployments;
import dev.baton.engine.manifest.ManifestFormatException;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code baton deploy}: records the manifest in the target store, with its code version, author and time. */
@Command(name = "deploy", description = {
        "Records the application's manifest in the target store as deployed now: its hash, code version,",
        "author and time, so that later plans compare with it and a run can be traced to the code it ran",
        "under. Exit codes: 0 recorded, 1 an error (nothing recorded)."})
final class DeployCommand extends ReviewCommand {
    @Option(names = "--target", paramLabel = "STORE|URL",
            description = {"The target: its store (sqlite:PATH or a path), or a Baton server (http(s)://HOST:PORT),",
                    "which records the deploy itself and needs an admin's API token (--token, BATON_TOKEN).",
                    "Default: --db."})
    String target;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Deploy this manifest (written by `baton manifest`) instead of the class path's declarations.")
    Path manifestFile;

    @Option(names = "--code-version", paramLabel = "VERSION",
            description = "The code version to record. Default: the git commit, if any.")
    String codeVersion;

    @Option(names = "--author", paramLabel = "NAME",
            description = "Who deploys. Default: git config user.name, else $USER.")
    String author;

    @Option(names = "--note", paramLabel = "TEXT",
            description = "A line kept with the deploy in the audit trail, e.g. the release or the ticket.")
    String note;

    @Option(names = "--create", description = "Create the store when it does not exist yet (a first deploy).")
    boolean create;

    @Override
    public Integer call() {
        Manifest manifest = manifest(manifestFile, codeVersion);
        if (target != null && ServerReader.isServer(target)) {
            return deployToServer(manifest);
        }
        Path file = targetFile(target);
        if (!create && !Files.exists(file)) {
            throw new CliException(FAILED, "target " + file + ": no Baton store there (nothing was created). Point "
                    + "--target at the store the application runs on, or add --create for a first deploy.");
        }
        if (Files.exists(file)) {
            openReadOnly(file).close(); // refuses another program's database or a newer Baton's before any change
        }
        String who = author != null && !author.isBlank() ? author : author();
        long now = System.currentTimeMillis();
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            Deployments.Recorded recorded = Deployments.record(store, manifest, who, now);
            Optional<DeploymentRow> last = Optional.ofNullable(recorded.previous());
            List<Change> changes = recorded.changes();
            long id = recorded.row().id();
            new dev.baton.engine.access.StoreAccess(store.access()).record(new dev.baton.access.AuditEntry(0,
                    Instant.ofEpochMilli(now), who, "cli", "deploy", "deploy #" + id, "ok", manifest.hash()
                    + (manifest.codeVersion() == null ? "" : " code " + manifest.codeVersion()) + ", "
                    + changes.size() + " changes" + (note == null || note.isBlank() ? "" : "; note: " + note.strip()),
                    AccessStoreFile.source(), null));
            Terminal terminal = terminal();
            terminal.println("Deployed " + manifest.hash() + (manifest.codeVersion() == null ? "" : " (code "
                    + manifest.codeVersion() + ")") + " to " + store.describe() + " as deploy #" + id + " by " + who
                    + " at " + Instant.ofEpochMilli(now));
            terminal.println(last.isEmpty() ? "First deploy: " + changes.size() + " items."
                    : changes.isEmpty() ? "Declarations unchanged since deploy #" + last.get().id() + "."
                    : changes.size() + " items changed since deploy #" + last.get().id() + ".");
            return ExitCodes.OK;
        } catch (ManifestFormatException e) {
            throw new CliException(FAILED, "target " + file + ": its deployed manifest cannot be read: " + e.getMessage());
        } catch (StoreException e) {
            throw new CliException(FAILED, "target " + file + ": " + e.getMessage());
        }
    }

    /** Sends the manifest to the server, which checks the caller's role, the manifest, and records the deploy. */
    private Integer deployToServer(Manifest manifest) {
        ServerDeployer server = new ServerDeployer(target, root.token(), FAILED);
        String who = author != null && !author.isBlank() ? author.strip() : null;
        com.fasterxml.jackson.databind.JsonNode deploy = server.deploy(dev.baton.engine.manifest.ManifestJson.write(manifest),
                who, note == null || note.isBlank() ? null : note.strip());
        Terminal terminal = terminal();
        String code = deploy.path("codeVersion").asText("");
        terminal.println("Deployed " + deploy.path("manifestHash").asText() + (code.isEmpty() ? "" : " (code " + code
                + ")") + " to " + server.url() + " as deploy #" + deploy.path("id").asLong() + " by "
                + deploy.path("author").asText() + " at " + deploy.path("deployedAt").asText());
        com.fasterxml.jackson.databind.JsonNode changes = deploy.path("changes");
        boolean first = changes.size() == 1 && changes.get(0).asText().startsWith("first deploy");
        terminal.println(first ? "First deploy." : changes.isEmpty() ? "Declarations unchanged since the last deploy."
                : changes.size() + " items changed since the last deploy:");
        if (!first) {
            changes.forEach(c -> terminal.println("  " + c.asText()));
        }
        return ExitCodes.OK;
    }
}
