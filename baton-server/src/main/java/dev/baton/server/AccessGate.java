package dev.baton.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.access.AccessException;
import dev.baton.access.AccessRegistry;
import dev.baton.access.Role;
import dev.baton.access.Session;
import dev.baton.access.TokenInfo;
import dev.baton.server.access.AuditTrail;
import dev.baton.server.access.Caller;
import dev.baton.server.access.ClientAddress;
import dev.baton.server.access.Needs;
import dev.baton.server.access.RouteRoles;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks every request before its route's handler runs: who calls (an API token in
 * {@code Authorization: Bearer}, else the UI's session cookie), whether the route's rule in
 * {@link RouteRoles} lets them, and for a state-changing request made with a browser's cookie (or
 * on a server without authentication, from a UI form) the CSRF token. Refusals are answered here:
 * 401 without valid credentials (naming why: missing, unknown, expired, revoked), 403 without the
 * role (naming the role needed) or the CSRF token. After the handler, the actions the rules name
 * are written to the audit trail with their outcome; refused attempts are too.
 */
final class AccessGate {
    /** The UI's session cookie. */
    static final String SESSION_COOKIE = dev.baton.server.ui.AccessPages.SESSION_COOKIE;
    /** The form field and the header that carry the CSRF token. */
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String AUDITED = "baton.audited";
    private static final Logger log = LoggerFactory.getLogger(AccessGate.class);

    private final boolean authOn;
    private final AccessRegistry registry;
    private final ServerSecurity security;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final ClientAddress clientAddress;
    /** Without authentication there is no session to tie a CSRF token to; the UI's forms carry this one. */
    private final String serverCsrfToken;

    AccessGate(boolean authOn, AccessRegistry registry, ServerSecurity security, ObjectMapper json) {
        this.authOn = authOn;
        this.registry = registry;
        this.security = security;
        this.json = json;
        this.audit = new AuditTrail(registry);
        this.clientAddress = security.clientAddress();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.serverCsrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    boolean authOn() {
        return authOn;
    }

    AccessRegistry registry() {
        return registry;
    }

    AuditTrail audit() {
        return audit;
    }

    ServerSecurity security() {
        return security;
    }

    void register(JavalinConfig config) {
        config.routes.before(this::checkHead);
        config.routes.beforeMatched(this::check);
        config.routes.afterMatched(this::recordAction);
    }

    /**
     * A HEAD request is answered by the GET route of its path, but it matches no endpoint of its own,
     * so {@link #check} would not see it: it is checked here as that GET is. A path no GET rule matches
     * is refused (default deny).
     */
    private void checkHead(Context ctx) {
        if (ctx.method() != io.javalin.http.HandlerType.HEAD) {
            return;
        }
        Optional<String> pattern = RouteRoles.getPatternOf(ctx.path());
        if (pattern.isEmpty()) {
            ctx.skipRemainingHandlers();
            ctx.status(404);
            return;
        }
        check(ctx, "GET", pattern.get());
    }

    private void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || ctx.method() == io.javalin.http.HandlerType.HEAD) {
            return;
        }
        check(ctx, endpoint.method.name(), endpoint.path);
    }

    private void check(Context ctx, String method, String path) {
        Optional<RouteRoles.Rule> found = RouteRoles.of(method, path);
        Caller caller;
        try {
            caller = identify(ctx);
        } catch (AccessException e) {
            Caller unknown = new Caller("anonymous", "token", null, null, address(ctx), ctx.userAgent(), authOn);
            ctx.attribute(Caller.ATTRIBUTE, unknown);
            if (found.isPresent() && found.get().needs() == Needs.PUBLIC) {
                return; // a stale token does not shut a client out of what is open to anyone
            }
            refuse(ctx, found.orElse(null), unknown, 401, "the bearer token was refused: " + e.getMessage());
            return;
        }
        ctx.attribute(Caller.ATTRIBUTE, caller);
        // Without authentication, a page of another site could rename its own host to this machine's
        // address (DNS rebinding) and then read and act as a same-site page: its requests still name
        // that site's host. Only an address or localhost names this server then.
        if (caller.via().equals("none") && !namesThisMachine(ctx.header("Host"))) {
            refuse(ctx, found.orElse(null), caller, 403, "without authentication this server answers only requests "
                    + "addressed to an IP address or localhost, not to '" + ctx.header("Host") + "'; use the address, "
                    + "or start the server with authentication (--auth on)");
            return;
        }
        if (found.isEmpty()) {
            log.error("route {} {} has no rule in RouteRoles; it is refused to everyone", method, path);
            refuse(ctx, null, caller, 403, "route " + method + " " + path + " declares no role, so it is "
                    + "refused to everyone; the server's RouteRoles must list it");
            return;
        }
        RouteRoles.Rule rule = found.get();
        Role needed = rule.needs().role();
        if (needed != null) {
            if (caller.role() == null) {
                refuse(ctx, rule, caller, 401, "authentication required: send an API token as 'Authorization: Bearer "
                        + "TOKEN' (`baton tokens create`), or log in at /login");
                return;
            }
            if (!caller.may(needed)) {
                refuse(ctx, rule, caller, 403, caller.via() + " '" + caller.name() + "' has the role "
                        + caller.role().label() + "; " + method + " " + path + " needs the role "
                        + needed.label() + " or higher");
                return;
            }
        }
        // Routes open to anyone (the login form) defend themselves: a browser that is still logged in may post
        // the login form again, which carries no session's token, and gets a new session (see AccessPages).
        if (rule.needs() != Needs.PUBLIC && needsCsrf(ctx, method, caller) && !csrfMatches(ctx, caller.csrfToken())) {
            refuse(ctx, rule, caller, 403, "the form's CSRF token is missing or wrong (" + CSRF_FIELD + "); reload the "
                    + "page and try again");
            return;
        }
        // Without authentication the API takes plain calls, so a page of another site could post to it (a body of
        // text/plain needs no permission from the server): a browser names that page's site in Origin, which the
        // CLI never sends. An opaque origin ("null": a sandboxed frame) is another site too.
        String origin = ctx.header("Origin");
        if (caller.via().equals("none") && !isRead(method) && origin != null && !sameSite(origin, ctx.host())) {
            refuse(ctx, rule, caller, 403, "without authentication this server takes actions only from its own pages "
                    + "and from clients that are not browsers, not from a page of " + origin);
        }
    }

    /**
     * @return whether a Host header is an IP address or localhost (names a browser resolves to this
     *         machine by itself), or absent (not a browser)
     */
    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    static boolean namesThisMachine(String host) {
        if (host == null || host.isEmpty()) {
            return true;
        }
        if (host.startsWith("[")) {
            return host.indexOf(']') > 1; // an IPv6 address
        }
        int colon = host.lastIndexOf(':');
        String name = (colon >= 0 ? host.substring(0, colon) : host).toLowerCase(java.util.Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || IPV4.matcher(name).matches();
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** @return whether an Origin header names this server (its scheme aside, as the Host header does not say it) */
    private static boolean sameSite(String origin, String host) {
        try {
            String authority = java.net.URI.create(origin).getAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** State changes with a browser's ambient credentials need the token; token callers and reads do not. */
    private static boolean needsCsrf(Context ctx, String method, Caller caller) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        return switch (caller.via()) {
            case "session" -> true;
            // Without authentication the API keeps taking plain calls (the CLI's); the UI's forms carry the token.
            case "none" -> !ctx.path().startsWith("/api/");
            default -> false;
        };
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        return sent != null && expected != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws AccessException for a bearer token that is not (or no longer) valid */
    private Caller identify(Context ctx) {
        String address = address(ctx);
        String agent = ctx.userAgent();
        if (!authOn) {
            return new Caller("anonymous", "none", Role.ADMIN, serverCsrfToken, address, agent, false);
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String[] parts = authorization.strip().split("\\s+", 2);
            if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
                throw new AccessException(AccessException.Reason.TOKEN_UNKNOWN, "the Authorization header must be "
                        + "'Bearer TOKEN'");
            }
            TokenInfo token = registry.authenticate(parts[1].strip());
            return new Caller(token.name(), "token", token.role(), null, address, agent, true);
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null) {
            Optional<Session> session = registry.session(cookie, security.sessionIdle(), security.sessionMax());
            if (session.isPresent()) {
                return new Caller(session.get().user(), "session", session.get().role(), session.get().csrfToken(),
                        address, agent, true);
            }
        }
        return new Caller("anonymous", "unauthenticated", null, null, address, agent, true);
    }

    /**
     * @param ctx a request that is still open (the live event stream), checked again now and then
     * @return whether its credentials still let it read: not revoked, expired, logged out, disabled or demoted
     */
    boolean stillAllowed(Context ctx) {
        if (!authOn) {
            return true;
        }
        try {
            String authorization = ctx.header("Authorization");
            if (authorization != null && !authorization.isBlank()) {
                return identify(ctx).may(Role.VIEWER);
            }
            // Without renewing the session: an open page alone does not keep a login alive past its idle timeout.
            String cookie = ctx.cookie(SESSION_COOKIE);
            return cookie != null && registry.session(cookie).map(s -> s.role() != null && s.role().includes(Role.VIEWER))
                    .orElse(false);
        } catch (RuntimeException e) {
            return false; // a browser's event stream reconnects, and is checked as any request then
        }
    }

    private void refuse(Context ctx, RouteRoles.Rule rule, Caller caller, int status, String message) {
        ctx.skipRemainingHandlers();
        if (rule != null && rule.action() != null) {
            audit.record(caller, rule.action(), target(ctx), "refused", message);
            ctx.attribute(AUDITED, true);
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"baton\"");
        }
        String path = ctx.path();
        if (path.startsWith("/api/") || path.equals("/metrics") || "baton-ui".equals(ctx.header("X-Requested-With"))
                && !ctx.method().name().equals("GET")) {
            if (path.startsWith("/api/") || path.equals("/metrics")) {
                ApiErrors.write(ctx, json, status, message, null);
            } else {
                // The page's script shows the message of an action's answer.
                try {
                    ctx.status(status).contentType("application/json").result(json.writeValueAsString(
                            Map.of("ok", false, "message", message)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    ctx.status(status).result(message);
                }
            }
            return;
        }
        if (status == 401 && ctx.method().name().equals("GET")) {
            ctx.redirect("/login?next=" + java.net.URLEncoder.encode(pathAndQuery(ctx), StandardCharsets.UTF_8),
                    io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(status).contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head>"
                + "<meta charset=\"utf-8\"><title>Refused · Baton</title><link rel=\"stylesheet\" "
                + "href=\"/ui/assets/baton.css\"></head><body><main><h1>Refused</h1><p class=\"error-box\">"
                + escape(message) + "</p><p><a href=\"/login\">log in</a> · <a href=\"/\">home</a></p></main></body></html>");
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private void recordAction(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || Boolean.TRUE.equals(ctx.attribute(AUDITED))) {
            return;
        }
        RouteRoles.Rule rule = RouteRoles.of(endpoint.method.name(), endpoint.path).orElse(null);
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        if (rule == null || rule.action() == null || caller == null) {
            return;
        }
        int status = ctx.status().getCode();
        String outcome = status < 400 ? "ok" : status == 401 || status == 403 ? "refused" : "failed";
        String said = ctx.attribute(AuditTrail.DETAIL);
        audit.record(caller, rule.action(), target(ctx), outcome, status < 400 ? detail(ctx)
                : "HTTP " + status + (said == null ? "" : ": " + said));
    }

    /** What the action was on: the run, workflow or schedule in the path, or the run a start created. */
    private static String target(Context ctx) {
        String named = ctx.attribute(AuditTrail.TARGET);
        if (named != null) {
            return named;
        }
        Map<String, String> params = ctx.pathParamMap();
        if (!params.isEmpty()) {
            return params.values().stream().collect(Collectors.joining("/"));
        }
        String location = ctx.res().getHeader("Location");
        return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }

    private static String detail(Context ctx) {
        String said = ctx.attribute(AuditTrail.DETAIL);
        if (said != null) {
            return said;
        }
        String name = ctx.path().endsWith("/signal") ? ctx.formParam("name") : null;
        return name == null ? null : "signal " + name;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * @return the client's address: the connection's, or behind a trusted proxy the rightmost
     *         untrusted hop of X-Forwarded-For (see {@link ClientAddress})
     */
    String address(Context ctx) {
        return clientAddress.of(ctx.ip(), ctx.req().getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /** @return whether the request came over TLS, directly or (when trusted) through a proxy */
    boolean overTls(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || security.trustProxy()
                && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
