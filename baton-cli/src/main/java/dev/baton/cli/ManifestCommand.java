package dev.baton.cli;

import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.ManifestJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton manifest}: the application's declarations as canonical JSON. */
@Command(name = "manifest", description = {
        "Prints the manifest: the declarations (workflows, schedules, triggers, locks, pools, concurrency limits)",
        "of the catalogs on the class path as canonical JSON, with its format version and hash. `plan --manifest`",
        "and `simulate --manifest` read it back. Exit codes: 0 ok, 1 invalid declarations."})
final class ManifestCommand extends ReviewCommand {
    @Option(names = "--code-version", paramLabel = "VERSION",
            description = "The code version to record. Default: the git commit of the working directory, if any.")
    String codeVersion;

    @Override
    public Integer call() {
        Manifest manifest = manifest(null, codeVersion);
        terminal().println(ManifestJson.write(manifest));
        return ExitCodes.OK;
    }
}
