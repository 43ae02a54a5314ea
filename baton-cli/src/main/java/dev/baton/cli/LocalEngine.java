package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.RunListener;
import dev.baton.SecretProvider;
import dev.baton.StoreConfig;
import dev.baton.WorkflowCatalog;
import dev.baton.examples.DemoSecrets;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Baton engine in this process on a local SQLite file, with the workflows of every catalog on
 * the class path registered. Once {@linkplain #start() started} it executes due runs of that
 * store like any other worker; {@link #close()} (or Ctrl-C) stops it cleanly, leaving runs in
 * flight for the next worker.
 */
final class LocalEngine implements Session {
    private final Baton baton;
    private final String where;
    private final Thread shutdownHook;
    private boolean hooked;

    private LocalEngine(Baton baton, Path db, Terminal terminal) {
        this.baton = baton;
        this.where = db.toString();
        this.shutdownHook = new Thread(() -> {
            terminal.error("Stopping Baton; runs in flight continue at the next start on this store.");
            baton.close();
        }, "baton-cli-shutdown");
    }

    /**
     * Opens the store (creating it, unless {@code mustExist}) and registers the workflows.
     *
     * @param db        the SQLite file
     * @param listener  receives progress events, or null
     * @param mustExist whether a missing file is an error (commands that read existing runs)
     * @param terminal  where to say that Ctrl-C stops the engine
     * @return the engine, not yet executing runs
     * @throws CliException when the file must exist and does not
     */
    static LocalEngine open(Path db, RunListener listener, boolean mustExist, Terminal terminal) {
        if (mustExist && !Files.isRegularFile(db)) {
            throw new CliException(ExitCodes.ERROR, "no Baton store at " + db + ": nothing has run here yet. "
                    + "Start runs with `" + terminal.command("run WORKFLOW") + "` or `" + terminal.command("demo")
                    + "`, or point --db (or BATON_DB) at an existing store");
        }
        BatonBuilder builder = Baton.builder().store(StoreConfig.sqlite(db))
                // Secrets come from the environment; the demo's own secret has a harmless default,
                // so that `baton demo` runs anywhere (set BATON_DEMO_SECRET to see a value of yours masked).
                .secrets(SecretProvider.environment().orElse(DemoSecrets.defaults()));
        for (WorkflowCatalog catalog : Catalogs.all()) {
            builder.workflows(catalog);
        }
        if (listener != null) {
            builder.listener(listener);
        }
        return new LocalEngine(builder.build(), db, terminal);
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public String where() {
        return where;
    }

    /** @return the engine */
    @Override
    public Baton baton() {
        return baton;
    }

    /** Starts executing due runs here; Ctrl-C from now on closes the engine before the process exits. */
    @Override
    public void start() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        hooked = true;
        baton.start();
    }

    @Override
    public void close() {
        if (hooked) {
            hooked = false;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is closing the engine already.
            }
        }
        baton.close();
    }
}
