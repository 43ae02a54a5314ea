package dev.baton.cli;

import dev.baton.server.BatonServer;
import dev.baton.server.ui.LiveEvents;
import dev.baton.server.ServerSecurity;
import dev.baton.server.ServerStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code baton server}: the engine in this process, with the JSON API and the web UI, until Ctrl-C. */
@Command(name = "server", description = {
        "Runs Baton on the store with every workflow catalog on the class path (the examples by default) and "
                + "serves the web UI and the JSON API (under /api/, described at /api/openapi.json) until Ctrl-C.",
        "Binds to this machine only (127.0.0.1) unless --bind says otherwise. Other commands talk to it "
                + "with --server URL."})
final class ServerCommand extends CliCommand {

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + BatonServer.DEFAULT_PORT,
            description = "The port, 0 for any free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = BatonServer.DEFAULT_BIND,
            description = "The address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + BatonServer.DEFAULT_MAX_BODY_BYTES,
            description = "The largest request body the API accepts; larger ones get 413. Default: ${DEFAULT-VALUE}.")
    long maxBody;

    @Option(names = "--auth", paramLabel = "WHEN", defaultValue = "auto",
            description = "When callers must authenticate (API tokens, UI login): auto (beyond loopback only), on, "
                    + "off. Default: ${DEFAULT-VALUE}. Manage users and tokens with `baton users` and `baton tokens`.")
    ServerSecurity.Auth auth;

    @Option(names = "--insecure-no-auth",
            description = "With --auth off, serve beyond loopback anyway: anyone who reaches the port may start, "
                    + "cancel and signal runs. Only for a network you fully trust.")
    boolean insecureNoAuth;

    @Option(names = "--trust-proxy",
            description = "Trust the proxy in front: X-Forwarded-Proto: https marks the session cookie Secure, and the "
                    + "client's address (audit trail, login throttle) is the rightmost untrusted hop of "
                    + "X-Forwarded-For. Without it both headers are ignored.")
    boolean trustProxy;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",",
            description = "A further proxy in the chain (an address or a range such as 10.0.0.0/8) whose hop in "
                    + "X-Forwarded-For is skipped; repeatable. Implies --trust-proxy.")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--session-idle", paramLabel = "SPAN", defaultValue = "2h",
            description = "A UI login unused this long ends (30m, 2h, 1d). Default: ${DEFAULT-VALUE}.")
    String sessionIdle;

    @Option(names = "--session-max", paramLabel = "SPAN", defaultValue = "12h",
            description = "A UI login ends this long after it was made, however used. Default: ${DEFAULT-VALUE}.")
    String sessionMax;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCodes.USAGE, "--port must be from 0 to 65535, was " + port);
        }
        if (maxBody < 1) {
            throw new CliException(ExitCodes.USAGE, "--max-body must be at least 1, was " + maxBody);
        }
        // Checked before the store is opened: a mistyped option changes nothing.
        ServerSecurity security;
        try {
            security = ServerSecurity.defaults().withAuth(auth)
                    .withSessions(span("--session-idle", sessionIdle), span("--session-max", sessionMax));
            if (insecureNoAuth) {
                security = security.allowingInsecureNetworkWithoutAuth();
            }
            if (!trustedProxies.isEmpty()) {
                security = security.trustingProxies(trustedProxies);
            } else if (trustProxy) {
                security = security.trustingProxy();
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Terminal terminal = terminal();
        // Runs executing here reach the pages at once; those of other workers through the store.
        LiveEvents live = new LiveEvents();
        LocalEngine engine = LocalEngine.open(db(), live, false, terminal);
        try {
            BatonServer server = serve(engine, bind, port, maxBody, live, security);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "baton-server-shutdown"));
            engine.start();
            Style style = terminal.style();
            terminal.println(style.bold("Baton server") + " on " + style.cyan(server.url()) + "  (store " + db() + ", "
                    + engine.baton().workflows().size() + " workflows)");
            terminal.println("  API:      " + server.url() + "api/runs   described at " + server.url() + "api/openapi.json");
            terminal.println("  Commands: " + terminal.command("runs --server " + server.url()));
            if (security.authenticates(bind)) {
                dev.baton.access.AccessRegistry access = engine.baton().access();
                if (access.users().isEmpty() && access.tokens().isEmpty()) {
                    terminal.println(style.bold("  No users or tokens in this store yet: nobody can get in until one "
                            + "is made."));
                }
                terminal.println("  Access:   API tokens and UI logins required (`" + terminal.command("tokens create NAME "
                        + "--role operator") + "`, `" + terminal.command("users add NAME --role admin") + "`)");
            } else if (!ServerSecurity.isLoopback(bind)) {
                terminal.println(style.bold("  INSECURE: no authentication on " + bind + "; anyone who reaches it may act."));
            }
            terminal.println("Ctrl-C stops it; runs in flight continue at the next start on this store.");
            new CountDownLatch(1).await();
            return ExitCodes.OK;
        } finally {
            engine.close();
        }
    }

    /**
     * @return the server over the engine
     * @throws CliException when the address cannot be bound
     */
    static BatonServer serve(LocalEngine engine, String bind, int port, long maxBody, LiveEvents live) {
        return serve(engine, bind, port, maxBody, live, ServerSecurity.defaults());
    }

    /**
     * @return the server over the engine, authenticating callers as {@code security} says
     * @throws CliException when the address cannot be bound or the security settings refuse it
     */
    static BatonServer serve(LocalEngine engine, String bind, int port, long maxBody, LiveEvents live,
                             ServerSecurity security) {
        try {
            return BatonServer.start(engine.baton(), bind, port, maxBody, live, security);
        } catch (ServerStartException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** @param option its name @param text {@code 90m}, {@code 2h}, {@code 1d} @return the span */
    static Duration span(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([mhd])").matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CliException(ExitCodes.USAGE, option + " must be a span such as 30m, 2h or 1d, was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
