package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.NewToken;
import dev.baton.access.Role;
import dev.baton.access.TokenExpiry;
import dev.baton.access.TokenInfo;
import dev.baton.access.UserInfo;
import dev.baton.server.access.AuditTrail;
import dev.baton.server.access.Caller;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The API's routes for access control: who am I ({@code /api/me}), users and tokens
 * ({@code /api/users}, {@code /api/tokens}) and the audit trail ({@code /api/audit}, as JSON, JSON
 * lines or CSV). Who may call each is in {@link dev.baton.server.access.RouteRoles}.
 */
final class AccessRoutes {
    static final int MAX_AUDIT_PAGE = 10_000;

    private final ServerContext context;
    private final AccessGate gate;
    private final ObjectMapper json;

    private AccessRoutes(ServerContext context, AccessGate gate) {
        this.context = context;
        this.gate = gate;
        this.json = context.json();
    }

    static void register(JavalinConfig config, ServerContext context, AccessGate gate) {
        AccessRoutes routes = new AccessRoutes(context, gate);
        routes.get(config, "/api/me", routes::me);
        routes.get(config, "/api/audit", routes::audit);
        routes.get(config, "/api/tokens", routes::tokens);
        routes.post(config, "/api/tokens", routes::createToken);
        routes.post(config, "/api/tokens/{id}/revoke", routes::revokeToken);
        routes.get(config, "/api/users", routes::users);
        routes.post(config, "/api/users", routes::createUser);
        routes.post(config, "/api/users/{name}/role", routes::setRole);
        routes.post(config, "/api/users/{name}/disable", routes::disableUser);
    }

    private void me(Context ctx) {
        QueryParams.of(ctx, Set.of());
        Caller caller = Caller.of(ctx);
        ObjectNode answer = json.createObjectNode();
        answer.put("name", caller.name());
        answer.put("via", caller.via());
        answer.put("role", caller.role() == null ? null : caller.role().label());
        answer.put("authentication", caller.authOn());
        ok(ctx, answer);
    }

    private void audit(Context ctx) {
        QueryParams params = QueryParams.of(ctx, Set.of("actor", "action", "after", "before", "limit", "offset", "format"));
        int limit = (int) params.integer("limit", 100, 1, MAX_AUDIT_PAGE);
        long offset = params.integer("offset", 0, 0, Long.MAX_VALUE / 2);
        String format = params.string("format") == null ? "json" : params.string("format");
        if (!Set.of("json", "jsonl", "csv").contains(format)) {
            throw ApiException.badField("format", "unknown format '" + format + "'; give json, jsonl or csv");
        }
        List<AuditEntry> entries = registry().audit(new AuditQuery(params.string("actor"), params.string("action"),
                params.instant("after"), params.instant("before"), Math.min(limit + 1, MAX_AUDIT_PAGE + 1), offset));
        boolean more = entries.size() > limit;
        List<AuditEntry> page = entries.stream().limit(limit).toList();
        switch (format) {
            case "jsonl" -> {
                StringBuilder text = new StringBuilder();
                for (AuditEntry e : page) {
                    text.append(write(e)).append('\n');
                }
                ctx.header("Content-Disposition", "attachment; filename=\"baton-audit.jsonl\"")
                        .contentType("application/x-ndjson").result(text.toString());
            }
            case "csv" -> {
                StringBuilder text = new StringBuilder("id,at,actor,via,action,target,outcome,detail,address,userAgent\r\n");
                for (AuditEntry e : page) {
                    text.append(e.id()).append(',').append(e.at()).append(',').append(csv(e.actor())).append(',')
                            .append(csv(e.via())).append(',').append(csv(e.action())).append(',').append(csv(e.target()))
                            .append(',').append(csv(e.outcome())).append(',').append(csv(e.detail())).append(',')
                            .append(csv(e.address())).append(',').append(csv(e.userAgent())).append("\r\n");
                }
                ctx.header("Content-Disposition", "attachment; filename=\"baton-audit.csv\"")
                        .contentType("text/csv; charset=utf-8").result(text.toString());
            }
            default -> {
                ObjectNode answer = json.createObjectNode();
                answer.set("entries", json.valueToTree(page));
                answer.put("limit", limit);
                answer.put("offset", offset);
                if (more) {
                    answer.put("nextOffset", offset + limit);
                } else {
                    answer.putNull("nextOffset");
                }
                ok(ctx, answer);
            }
        }
    }

    /**
     * A CSV field; a leading = + - @ (or tab or carriage return, which a spreadsheet may skip before one) is
     * defused so that a spreadsheet does not run it as a formula.
     */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private void tokens(Context ctx) {
        QueryParams.of(ctx, Set.of());
        Instant now = Instant.now();
        ArrayNode array = json.createArrayNode();
        for (TokenInfo t : registry().tokens()) {
            ObjectNode node = json.valueToTree(t);
            node.put("role", t.role().label());
            node.put("state", t.state(now));
            array.add(node);
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("tokens", array);
        ok(ctx, answer);
    }

    private void createToken(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of("name", "role", "expires"));
        String name = RequestBody.requiredString(body, "name");
        Role role = role(RequestBody.requiredString(body, "role"));
        String expiresText = RequestBody.string(body, "expires");
        Instant expires;
        try {
            expires = TokenExpiry.parse(expiresText == null ? "90d" : expiresText, Instant.now());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("expires", e.getMessage());
        }
        Caller caller = Caller.of(ctx);
        NewToken token = registry().createToken(name, role, expires, caller.name());
        // The gate writes the audit entry after the handler (refused and failed attempts too).
        ctx.attribute(AuditTrail.TARGET, token.info().id());
        ctx.attribute(AuditTrail.DETAIL, "'" + token.info().name() + "' as " + role.label());
        ObjectNode answer = json.valueToTree(token.info());
        answer.put("role", role.label());
        answer.put("secret", token.secret());
        ok(ctx.status(201), answer);
    }

    private void revokeToken(Context ctx) {
        QueryParams.of(ctx, Set.of());
        RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of());
        TokenInfo token = registry().revokeToken(ctx.pathParam("id"));
        ObjectNode answer = json.valueToTree(token);
        answer.put("role", token.role().label());
        ok(ctx, answer);
    }

    private void users(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ArrayNode array = json.createArrayNode();
        registry().users().forEach(u -> array.add(user(u)));
        ObjectNode answer = json.createObjectNode();
        answer.set("users", array);
        ok(ctx, answer);
    }

    private void createUser(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of("name", "role", "password"));
        String name = RequestBody.requiredString(body, "name");
        ctx.attribute(AuditTrail.TARGET, name);
        Role role = role(RequestBody.requiredString(body, "role"));
        String password = RequestBody.requiredString(body, "password");
        UserInfo user = registry().createUser(name, role, password.toCharArray());
        // The gate writes the audit entry after the handler (refused and failed attempts too).
        ctx.attribute(AuditTrail.DETAIL, "as " + role.label());
        ok(ctx.status(201), user(user));
    }

    private void setRole(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of("role"));
        Role role = role(RequestBody.requiredString(body, "role"));
        ok(ctx, user(registry().setRole(ctx.pathParam("name"), role)));
    }

    private void disableUser(Context ctx) {
        QueryParams.of(ctx, Set.of());
        RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of());
        String name = ctx.pathParam("name");
        registry().disableUser(name);
        ok(ctx, user(registry().user(name).orElseThrow()));
    }

    private ObjectNode user(UserInfo user) {
        ObjectNode node = json.valueToTree(user);
        node.put("role", user.role().label());
        return node;
    }

    private static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("role", e.getMessage());
        }
    }

    private AccessRegistry registry() {
        AccessRegistry registry = gate.registry();
        if (registry == null) {
            throw new ApiException(501, null, "this server's engine keeps no users, tokens or audit trail");
        }
        return registry;
    }

    // ---- plumbing, as in ApiRoutes ----

    @FunctionalInterface
    private interface Action {
        void handle(Context ctx) throws Exception;
    }

    private void get(JavalinConfig config, String path, Action action) {
        config.routes.get(path, ctx -> guarded(ctx, action));
    }

    private void post(JavalinConfig config, String path, Action action) {
        config.routes.post(path, ctx -> guarded(ctx, action));
    }

    private void guarded(Context ctx, Action action) {
        try {
            action.handle(ctx);
        } catch (Exception e) {
            ApiErrors.answer(ctx, json, e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ok(Context ctx, Object body) {
        ctx.contentType("application/json").result(write(body));
    }
}
