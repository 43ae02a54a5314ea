package dev.baton.cli;

import dev.baton.Baton;

/** A running Baton server reached over HTTP, for commands given {@code --server URL}. */
final class RemoteSession implements Session {
    private final ServerClient client;

    /** @param url the server's address @param token an API token, or null */
    RemoteSession(String url, String token) {
        this.client = new ServerClient(url, token);
    }

    @Override
    public Baton baton() {
        return client;
    }

    @Override
    public void start() {
        // The server executes the runs.
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public String where() {
        return client.url();
    }

    @Override
    public void close() {
        client.close();
    }
}
