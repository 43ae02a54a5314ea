package dev.baton.server;

import dev.baton.Baton;
import dev.baton.server.ui.LiveEvents;
import io.javalin.Javalin;

import java.util.List;
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
    /** The largest request body the API accepts when none is given: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BatonServer.class);

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
        return start(baton, bind, port, DEFAULT_MAX_BODY_BYTES, null);
    }

    /** Starts a server whose API refuses request bodies over {@code maxBodyBytes} with 413. */
    public static BatonServer start(Baton baton, String bind, int port, long maxBodyBytes) {
        return start(baton, bind, port, maxBodyBytes, null);
    }

    /** Starts a server whose pages also hear at once of the runs executing here, through {@code local}. */
    public static BatonServer start(Baton baton, String bind, int port, LiveEvents local) {
        return start(baton, bind, port, DEFAULT_MAX_BODY_BYTES, local);
    }

    /**
     * Starts a server over {@code baton} on {@code bind:port} (port 0 picks a free one) whose API
     * refuses request bodies over {@code maxBodyBytes} with 413, and whose live updates also come
     * straight from the runs executing in this process: register {@code local} on the builder with
     * {@code .listener(local)} first. Without it, pages still update from polling the store, a few
     * hundred milliseconds later.
     *
     * @param baton        the engine
     * @param bind         the address to bind
     * @param port         the port, 0 for any free one
     * @param maxBodyBytes the largest request body the API accepts
     * @param local        the listener registered on the engine, or null
     * @return the started server
     * @throws ServerStartException when the address cannot be bound, naming it
     */
    public static BatonServer start(Baton baton, String bind, int port, long maxBodyBytes, LiveEvents local) {
        return start(baton, bind, port, maxBodyBytes, local, ServerSecurity.defaults());
    }

    /**
     * Starts a server as {@link #start(Baton, String, int, long, LiveEvents)} does, authenticating
     * callers as {@code security} says (by default: beyond loopback only). With authentication,
     * API calls need an API token and the UI a login, kept in the engine's store; every route
     * needs the role {@link dev.baton.server.access.RouteRoles} lists for it.
     *
     * @param security when and how to authenticate
     * @throws ServerStartException when the address cannot be bound, or {@code security} turns
     *                              authentication off on an address beyond loopback without saying that is meant
     */
    public static BatonServer start(Baton baton, String bind, int port, long maxBodyBytes, LiveEvents local,
                                    ServerSecurity security) {
        Objects.requireNonNull(security, "security");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
        }
        Objects.requireNonNull(baton, "baton");
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range: give 0 (any free port) to 65535");
        }
        ServerContext context = new ServerContext(baton, maxBodyBytes);
        boolean authOn = security.authenticates(bind);
        AccessGate gate = new AccessGate(authOn, registry(baton, authOn), security, context.json());
        if (!authOn && !ServerSecurity.isLoopback(bind)) {
            log.warn("INSECURE: serving on {} WITHOUT AUTHENTICATION: anyone who reaches it may start, cancel and "
                    + "signal runs", bind);
        }
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = bind;
            config.jetty.port = port;
            gate.register(config);
            ApiRoutes.register(config, context);
            AccessRoutes.register(config, context, gate);
            DeployRoute.register(config, context);
            AlertRoutes.register(config, context);
            UiRoutes.register(config, context, local, gate);
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

    /** @return the store's access registry; required when callers authenticate */
    private static dev.baton.access.AccessRegistry registry(Baton baton, boolean authOn) {
        try {
            return baton.access();
        } catch (UnsupportedOperationException e) {
            if (authOn) {
                throw new ServerStartException("cannot serve with authentication: " + e.getMessage(), e);
            }
            return null;
        }
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

    /** @return the routes the server registered, e.g. {@code GET /api/runs/{id}}, for the OpenAPI check */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
