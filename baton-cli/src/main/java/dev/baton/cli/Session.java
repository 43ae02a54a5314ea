package dev.baton.cli;

import dev.baton.Baton;

/**
 * What a command works on: an engine in this process on the store file ({@link LocalEngine}),
 * or a running Baton server reached over HTTP ({@link RemoteSession}, with {@code --server}).
 */
interface Session extends AutoCloseable {

    /** @return the engine, or the server's API in the engine's shape */
    Baton baton();

    /** Starts executing due runs here; a server executes them already, so there it does nothing. */
    void start();

    /** @return whether the runs execute elsewhere (a server) rather than in this process */
    boolean remote();

    /** @return where the runs are, for messages: the store file or the server's URL */
    String where();

    @Override
    void close();
}
