package dev.baton.server;

import dev.baton.Baton;
import io.javalin.Javalin;

import java.util.Objects;

/**
 * The Baton server: the JSON API under {@code /api/} and the web UI, over one engine. Embeddable
 * in an application with one call:
 *
 * <pre>{@code
 * try (BatonServer server = BatonServer.start(baton, "127.0.0.1", 8080)) { ... }
 * }</pre>
 *
 * Binds to localhost unless told otherwise.
 */
public final class BatonServer implements AutoCloseable {
    /** The address the server binds to when none is given: this machine only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The port the server listens on when none is given. */
    public static final int DEFAULT_PORT = 8080;

    private final Javalin app;
    private final String bind;

    private BatonServer(Javalin app, String bind) {
        this.app = app;
        this.bind = bind;
    }

    /**
     * Starts a server over {@code baton} on {@code bind:port} (port 0 picks a free one).
     *
     * @throws ServerStartException when the address cannot be bound, naming it
     */
    public static BatonServer start(Baton baton, String bind, int port) {
        Objects.requireNonNull(baton, "baton");
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range: give 0 (any free port) to 65535");
        }
        ServerContext context = new ServerContext(baton);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = bind;
            config.jetty.port = port;
            ApiRoutes.register(config, context);
            UiRoutes.register(config, context);
            MetricsRoute.register(config, context);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new ServerStartException("cannot serve on " + bind + ":" + port + ": " + e.getMessage()
                    + "; choose another port with --port or stop what uses it", e);
        }
        return new BatonServer(app, bind);
    }

    /** Starts a server over {@code baton} on localhost and the default port. */
    public static BatonServer start(Baton baton) {
        return start(baton, DEFAULT_BIND, DEFAULT_PORT);
    }

    /** @return the port the server listens on */
    public int port() {
        return app.port();
    }

    /** @return the address to open in a browser, e.g. {@code http://127.0.0.1:8080/} */
    public String url() {
        // A wildcard bind is reachable on loopback too; that is the address that works everywhere.
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }
}
