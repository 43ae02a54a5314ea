package dev.baton.server.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.baton.server.access.Needs.ADMIN;
import static dev.baton.server.access.Needs.OPERATOR;
import static dev.baton.server.access.Needs.PUBLIC;
import static dev.baton.server.access.Needs.VIEWER;

/**
 * THE list of who may call what: every route of the server, by method and path pattern as it is
 * registered, with the least role it needs and, for the actions the audit trail keeps, the
 * action's name. Checked on the server before every request reaches its handler. A route missing
 * here is refused to everyone (default deny), and a test fails for every registered route that is
 * missing here, so a new route is added in two places: where it is registered, and here.
 */
public final class RouteRoles {
    /**
     * @param needs  the least role
     * @param action the audit trail's name for the action, or null for a route that is not audited
     *               (reads)
     */
    public record Rule(Needs needs, String action) {
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        // ---- open to anyone ----
        rule("GET /api/health", PUBLIC);
        rule("GET /api/openapi.json", PUBLIC);
        rule("GET /ui/assets/{file}", PUBLIC);
        rule("GET /login", PUBLIC);
        rule("POST /login", PUBLIC); // audited by the login handler itself: it knows the name tried
        // ---- reads: viewer ----
        rule("GET /api/me", VIEWER);
        rule("GET /api/workflows", VIEWER);
        rule("GET /api/workflows/{name}", VIEWER);
        rule("GET /api/runs", VIEWER);
        rule("GET /api/runs/{id}", VIEWER);
        rule("GET /api/runs/{id}/steps", VIEWER);
        rule("GET /api/runs/{id}/timeline", VIEWER);
        rule("GET /api/runs/{id}/logs", VIEWER);
        rule("GET /api/schedules", VIEWER);
        rule("GET /api/schedules/{workflow}/{schedule}/fires", VIEWER);
        rule("GET /api/deployments", VIEWER);
        rule("GET /api/manifest", VIEWER);
        // A bulk export of every run's whole history at once, for review tooling (`baton plan`), not for reading.
        rule("GET /api/histories", OPERATOR);
        rule("GET /api/alerts", VIEWER);
        rule("GET /api/events", VIEWER);
        rule("GET /metrics", VIEWER);
        rule("GET /", VIEWER);
        rule("GET /ui/runs", VIEWER);
        rule("GET /ui/runs/{id}", VIEWER);
        rule("GET /ui/runs/{id}/logs.txt", VIEWER);
        rule("GET /ui/schedules", VIEWER);
        rule("GET /ui/alerts", VIEWER);
        rule("POST /logout", VIEWER); // audited by the logout handler
        // ---- actions on runs and schedules: operator ----
        rule("POST /api/runs", OPERATOR, "start");
        rule("POST /api/runs/{id}/cancel", OPERATOR, "cancel");
        rule("POST /api/runs/{id}/retry", OPERATOR, "retry");
        rule("POST /api/runs/{id}/signals", OPERATOR, "signal");
        rule("POST /api/schedules/{workflow}/{schedule}/pause", OPERATOR, "pause");
        rule("POST /api/schedules/{workflow}/{schedule}/resume", OPERATOR, "resume");
        rule("POST /api/schedules/{workflow}/{schedule}/backfill", OPERATOR, "backfill");
        rule("POST /ui/workflows/{name}/start", OPERATOR, "start");
        rule("POST /ui/runs/{id}/cancel", OPERATOR, "cancel");
        rule("POST /ui/runs/{id}/retry", OPERATOR, "retry");
        rule("POST /ui/runs/{id}/signal", OPERATOR, "signal");
        rule("POST /ui/schedules/{workflow}/{schedule}/pause", OPERATOR, "pause");
        rule("POST /ui/schedules/{workflow}/{schedule}/resume", OPERATOR, "resume");
        rule("POST /ui/schedules/{workflow}/{schedule}/backfill", OPERATOR, "backfill");
        // ---- users, tokens, the audit trail: admin ----
        rule("POST /api/deployments", ADMIN, "deploy");
        rule("GET /api/audit", ADMIN);
        rule("GET /ui/audit", ADMIN);
        rule("GET /ui/tokens", ADMIN);
        rule("POST /ui/tokens", ADMIN, "token.create");
        rule("POST /ui/tokens/{id}/revoke", ADMIN, "token.revoke");
        rule("GET /ui/users", ADMIN);
        rule("POST /ui/users/{name}/role", ADMIN, "user.role");
        rule("POST /ui/users/{name}/disable", ADMIN, "user.disable");
        rule("GET /api/tokens", ADMIN);
        rule("POST /api/tokens", ADMIN, "token.create"); // the handler names the new token's id as the target
        rule("POST /api/tokens/{id}/revoke", ADMIN, "token.revoke");
        rule("GET /api/users", ADMIN);
        rule("POST /api/users", ADMIN, "user.create"); // the handler names the user as the target
        rule("POST /api/users/{name}/role", ADMIN, "user.role");
        rule("POST /api/users/{name}/disable", ADMIN, "user.disable");
    }

    private RouteRoles() {
    }

    private static void rule(String route, Needs needs) {
        rule(route, needs, null);
    }

    private static void rule(String route, Needs needs, String action) {
        if (RULES.put(route, new Rule(needs, action)) != null) {
            throw new IllegalStateException("route " + route + " is listed twice");
        }
    }

    /** @param method e.g. {@code GET} @param pathPattern as registered, e.g. {@code /api/runs/{id}} @return its rule */
    public static Optional<Rule> of(String method, String pathPattern) {
        return Optional.ofNullable(RULES.get(method + " " + pathPattern));
    }

    /**
     * @param path a request's path, e.g. {@code /api/runs/r1} (a trailing slash is ignored, as the router does)
     * @return the pattern of the GET rule that matches it, e.g. {@code /api/runs/{id}}
     */
    public static Optional<String> getPatternOf(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] segments = trimmed.split("/", -1);
        for (String route : RULES.keySet()) {
            if (!route.startsWith("GET ")) {
                continue;
            }
            String pattern = route.substring("GET ".length());
            String[] parts = pattern.split("/", -1);
            boolean matches = parts.length == segments.length;
            for (int i = 0; matches && i < parts.length; i++) {
                matches = parts[i].startsWith("{") ? !segments[i].isEmpty() : parts[i].equals(segments[i]);
            }
            if (matches) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    /** @return every rule, by {@code METHOD /path/pattern} */
    public static Map<String, Rule> all() {
        return Collections.unmodifiableMap(RULES);
    }
}
