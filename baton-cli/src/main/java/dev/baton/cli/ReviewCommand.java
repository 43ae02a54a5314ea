package dev.baton.cli;

import dev.baton.StoreException;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.ManifestFormatException;
import dev.baton.engine.manifest.ManifestJson;
import dev.baton.engine.manifest.Manifests;
import dev.baton.engine.simulate.Durations;
import dev.baton.engine.simulate.DurationsFile;
import dev.baton.engine.simulate.DurationsFormatException;
import dev.baton.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the review commands ({@code manifest}, {@code plan}, {@code deploy}, {@code deployments},
 * {@code simulate}) share: where the manifest comes from, what the target is, and their exit
 * codes, which a CI pipeline gates on: 0 ok (for {@code plan}: no changes), 2 (for {@code plan}
 * only) changes, 1 any error, a usage error included.
 */
abstract class ReviewCommand extends CliCommand {
    /** Exit code of any error of a review command. */
    static final int FAILED = 1;
    /** Exit code of {@code plan} when the deploy would change something. */
    static final int CHANGES = 2;

    /**
     * @param file        a manifest file written by {@code baton manifest}, or null for the
     *                    declarations of the catalogs on the class path
     * @param codeVersion the code version to record, or null to ask git
     * @return the manifest
     */
    static Manifest manifest(Path file, String codeVersion) {
        if (file != null) {
            String json;
            try {
                json = Files.readString(file);
            } catch (IOException e) {
                throw new CliException(FAILED, "cannot read the manifest file " + file + ": " + e);
            }
            try {
                Manifest manifest = ManifestJson.read(json);
                return codeVersion == null ? manifest : manifest.withCodeVersion(codeVersion);
            } catch (ManifestFormatException e) {
                throw new CliException(FAILED, "manifest file " + file + ": " + e.getMessage());
            }
        }
        try {
            return Manifests.of(Catalogs.all(), codeVersion != null ? codeVersion : gitRevision());
        } catch (IllegalArgumentException e) {
            throw new CliException(FAILED, "the declarations are invalid: " + e.getMessage());
        }
    }

    /**
     * @param target {@code sqlite:PATH} or a path; null for the --db store
     * @return the store file
     * @throws CliException for a server URL, where the command needs a store
     */
    Path targetFile(String target) {
        if (target == null || target.isBlank()) {
            return db();
        }
        if (ServerReader.isServer(target)) {
            throw new CliException(FAILED, "target " + target + " is a server, and `" + spec.name() + "` works on a "
                    + "store: point --target at the server's store (sqlite:PATH or a path). Of the review commands, "
                    + "`plan` and `deploy` take a server.");
        }
        String lower = target.toLowerCase(Locale.ROOT);
        return Path.of(lower.startsWith("sqlite:") ? target.substring("sqlite:".length()) : target);
    }

    /** @param file a store file @return it open read-only @throws CliException when it is no usable store */
    static SqliteStore openReadOnly(Path file) {
        try {
            return SqliteStore.openReadOnly(file);
        } catch (StoreException e) {
            throw new CliException(FAILED, "target " + file + ": " + e.getMessage());
        }
    }

    /** @param file a durations file, or null @return its durations, or the defaults */
    static Durations durations(Path file) {
        if (file == null) {
            return Durations.defaults();
        }
        try {
            return DurationsFile.read(file);
        } catch (DurationsFormatException e) {
            throw new CliException(FAILED, e.getMessage());
        }
    }

    /** @param date {@code 2027-06-28}, or null @param zone its zone @return its midnight, or null */
    static Instant startOf(String date, ZoneId zone) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new CliException(FAILED, "--from must be a date such as 2027-06-28, was '" + date + "'");
        }
    }

    /** @return who runs the command: git's user.name, else $USER, else "unknown" */
    static String author() {
        String name = run("git", "config", "user.name");
        if (name == null) {
            name = System.getenv("USER");
        }
        return name == null || name.isBlank() ? "unknown" : name;
    }

    /** @return the current git commit (short), or null outside a git work tree */
    static String gitRevision() {
        return run("git", "rev-parse", "--short=12", "HEAD");
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null; // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
