package dev.baton.server.ui;

import dev.baton.access.AccessException;
import dev.baton.access.AccessRegistry;
import dev.baton.access.NewToken;
import dev.baton.access.Role;
import dev.baton.access.TokenExpiry;
import dev.baton.access.TokenInfo;
import dev.baton.access.UserInfo;
import dev.baton.server.access.AuditTrail;
import dev.baton.server.access.Caller;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Instant;

/**
 * The admin's pages for API tokens ({@code /ui/tokens}: list, create, revoke) and users
 * ({@code /ui/users}: list, change a role, disable). Who may use them (admins) is checked by the
 * server before these handlers run, as is each form's CSRF token (the page's forms carry it:
 * {@link AccessPages#decorate}); each action is written to the audit trail with its outcome. A new
 * token's secret is shown once, on the page that answers its creation, which no cache keeps.
 */
public final class AdminPages {
    private static final String HTML = "text/html; charset=utf-8";

    private final AccessRegistry registry;

    private AdminPages(AccessRegistry registry) {
        this.registry = registry;
    }

    /** Registers the pages; on an engine that keeps no users or tokens they say so. */
    public static void register(JavalinConfig config, AccessRegistry registry) {
        AdminPages pages = new AdminPages(registry);
        config.routes.get("/ui/tokens", ctx -> pages.tokensPage(ctx, 200, null, null));
        config.routes.post("/ui/tokens", pages::createToken);
        config.routes.post("/ui/tokens/{id}/revoke", pages::revokeToken);
        config.routes.get("/ui/users", ctx -> pages.usersPage(ctx, 200, null));
        config.routes.post("/ui/users/{name}/role", pages::setRole);
        config.routes.post("/ui/users/{name}/disable", pages::disableUser);
    }

    // ---- tokens ----

    private void tokensPage(Context ctx, int status, NewToken created, String problem) {
        Html html = new Html();
        html.raw("<h1>API tokens</h1>");
        if (registry == null) {
            noRegistry(ctx, html, "API tokens");
            return;
        }
        if (problem != null) {
            html.raw("<p class=\"error-box\" role=\"alert\">").text(problem).raw("</p>");
        }
        if (created != null) {
            html.raw("<section class=\"panel new-token\"><p>Token <b>").text(created.info().name()).raw("</b> (")
                    .text(created.info().id()).raw(", ").text(created.info().role().label())
                    .raw(") is made. Copy its secret now: it is shown this once, and kept only as a hash.</p>")
                    .raw("<p><code class=\"secret\" id=\"new-token-secret\">").text(created.secret()).raw("</code></p>")
                    .raw("<p>Use it as <code>Authorization: Bearer TOKEN</code>, or with <code>--token</code> / "
                            + "<code>BATON_TOKEN</code>.</p></section>");
        }
        html.raw("<section class=\"panel\"><h2>Make a token</h2>")
                .raw("<form method=\"post\" action=\"/ui/tokens\" class=\"new-token-form\">")
                .raw("<label>Name <input name=\"name\" required maxlength=\"64\" placeholder=\"ci-deploy\"></label> ")
                .raw("<label>Role <select name=\"role\">");
        for (Role role : Role.values()) {
            html.raw("<option value=\"").text(role.label()).raw("\"").raw(role == Role.VIEWER ? " selected" : "")
                    .raw(">").text(role.label()).raw("</option>");
        }
        html.raw("</select></label> <label>Expires <input name=\"expires\" value=\"90d\" size=\"12\" "
                        + "title=\"30d, 12h, 90m, an instant, or never\"></label> ")
                .raw("<button type=\"submit\">Make token</button></form></section>");
        Instant now = Instant.now();
        html.raw("<section class=\"panel\"><table class=\"grid tokens\"><thead><tr><th>Name</th><th>Id</th><th>Role</th>"
                + "<th>State</th><th>Created</th><th>By</th><th>Expires</th><th>Last used</th><th>Revoked</th><th></th>"
                + "</tr></thead><tbody>");
        for (TokenInfo t : registry.tokens()) {
            String state = t.state(now);
            html.raw("<tr class=\"token-").text(state).raw("\" data-token=\"").text(t.id()).raw("\"><td>").text(t.name())
                    .raw("</td><td class=\"id\"><code>").text(t.id()).raw("</code></td><td>").text(t.role().label())
                    .raw("</td><td>").text(state).raw("</td><td>").text(Formats.time(t.createdAt())).raw("</td><td>")
                    .text(t.createdBy() == null ? "" : t.createdBy()).raw("</td><td>")
                    .text(t.expiresAt() == null ? "never" : Formats.time(t.expiresAt())).raw("</td><td>")
                    .text(Formats.time(t.lastUsedAt())).raw("</td><td>").text(Formats.time(t.revokedAt())).raw("</td><td>");
            if (t.revokedAt() == null) {
                html.raw("<form class=\"inline\" method=\"post\" action=\"/ui/tokens/").raw(Html.path(t.id()))
                        .raw("/revoke\"><button type=\"submit\" class=\"danger\">Revoke</button></form>");
            }
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table></section>");
        send(ctx, status, "API tokens", html);
    }

    private void createToken(Context ctx) {
        if (registry == null) {
            tokensPage(ctx, 501, null, null);
            return;
        }
        Caller caller = Caller.of(ctx);
        String name = ctx.formParam("name");
        String roleText = ctx.formParam("role");
        String expiresText = ctx.formParam("expires");
        try {
            Role role = Role.parse(roleText == null ? "" : roleText.strip());
            Instant expires = TokenExpiry.parse(expiresText == null || expiresText.isBlank() ? "90d"
                    : expiresText.strip(), Instant.now());
            NewToken token = registry.createToken(name == null ? "" : name.strip(), role, expires, caller.name());
            ctx.attribute(AuditTrail.TARGET, token.info().id());
            ctx.attribute(AuditTrail.DETAIL, "'" + token.info().name() + "' as " + role.label());
            tokensPage(ctx, 201, token, null);
        } catch (AccessException | IllegalArgumentException e) {
            ctx.attribute(AuditTrail.TARGET, name);
            ctx.attribute(AuditTrail.DETAIL, e.getMessage());
            tokensPage(ctx, status(e), null, "The token was not made: " + e.getMessage());
        }
    }

    private void revokeToken(Context ctx) {
        if (registry == null) {
            tokensPage(ctx, 501, null, null);
            return;
        }
        try {
            TokenInfo token = registry.revokeToken(ctx.pathParam("id"));
            ctx.attribute(AuditTrail.DETAIL, "'" + token.name() + "'");
            ctx.redirect("/ui/tokens", HttpStatus.SEE_OTHER);
        } catch (AccessException e) {
            ctx.attribute(AuditTrail.DETAIL, e.getMessage());
            tokensPage(ctx, status(e), null, e.getMessage());
        }
    }

    // ---- users ----

    private void usersPage(Context ctx, int status, String problem) {
        Html html = new Html();
        html.raw("<h1>Users</h1>");
        if (registry == null) {
            noRegistry(ctx, html, "users");
            return;
        }
        if (problem != null) {
            html.raw("<p class=\"error-box\" role=\"alert\">").text(problem).raw("</p>");
        }
        String me = Caller.of(ctx).loggedIn() ? Caller.of(ctx).name() : null;
        html.raw("<p>Add users and set passwords with <code>baton users</code> or <code>POST /api/users</code>.</p>")
                .raw("<section class=\"panel\"><table class=\"grid users\"><thead><tr><th>Name</th><th>Role</th>"
                        + "<th>Created</th><th>State</th><th></th></tr></thead><tbody>");
        for (UserInfo u : registry.users()) {
            String path = Html.path(u.name());
            html.raw("<tr data-user=\"").text(u.name()).raw("\"><td>").text(u.name()).raw("</td><td>");
            if (u.name().equals(me)) {
                html.text(u.role().label()).raw(" (you)");
            } else {
                html.raw("<form class=\"inline\" method=\"post\" action=\"/ui/users/").raw(path).raw("/role\">")
                        .raw("<select name=\"role\" aria-label=\"role of ").text(u.name()).raw("\">");
                for (Role role : Role.values()) {
                    html.raw("<option value=\"").text(role.label()).raw("\"").raw(role == u.role() ? " selected" : "")
                            .raw(">").text(role.label()).raw("</option>");
                }
                html.raw("</select> <button type=\"submit\">Change</button></form>");
            }
            html.raw("</td><td>").text(Formats.time(u.createdAt())).raw("</td><td>")
                    .text(u.disabled() ? "disabled" : "active").raw("</td><td>");
            if (!u.disabled() && !u.name().equals(me)) {
                html.raw("<form class=\"inline\" method=\"post\" action=\"/ui/users/").raw(path).raw("/disable\">")
                        .raw("<button type=\"submit\" class=\"danger\">Disable</button></form>");
            }
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table></section>");
        send(ctx, status, "Users", html);
    }

    private void setRole(Context ctx) {
        if (registry == null) {
            usersPage(ctx, 501, null);
            return;
        }
        String name = ctx.pathParam("name");
        try {
            refuseOwnAccount(ctx, name, "change your own role");
            String text = ctx.formParam("role");
            Role role = Role.parse(text == null ? "" : text.strip());
            registry.setRole(name, role);
            ctx.attribute(AuditTrail.DETAIL, "to " + role.label());
            ctx.redirect("/ui/users", HttpStatus.SEE_OTHER);
        } catch (AccessException | IllegalArgumentException e) {
            ctx.attribute(AuditTrail.DETAIL, e.getMessage());
            usersPage(ctx, status(e), e.getMessage());
        }
    }

    private void disableUser(Context ctx) {
        if (registry == null) {
            usersPage(ctx, 501, null);
            return;
        }
        String name = ctx.pathParam("name");
        try {
            refuseOwnAccount(ctx, name, "disable yourself");
            registry.disableUser(name);
            ctx.redirect("/ui/users", HttpStatus.SEE_OTHER);
        } catch (AccessException e) {
            ctx.attribute(AuditTrail.DETAIL, e.getMessage());
            usersPage(ctx, status(e), e.getMessage());
        }
    }

    /** An admin cannot lock themselves out from the page: another admin (or {@code baton users}) must. */
    private static void refuseOwnAccount(Context ctx, String name, String what) {
        Caller caller = Caller.of(ctx);
        if (caller.loggedIn() && caller.name().equals(name)) {
            throw new AccessException(AccessException.Reason.CONFLICT, "you cannot " + what + " here, so that no admin "
                    + "locks themselves out; ask another admin, or use `baton users` on the store");
        }
    }

    // ---- plumbing ----

    private static int status(RuntimeException e) {
        if (e instanceof AccessException a) {
            return switch (a.reason()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                default -> 400;
            };
        }
        return 400;
    }

    private static void noRegistry(Context ctx, Html html, String what) {
        html.raw("<section class=\"panel\"><p>This engine keeps no ").text(what).raw(".</p></section>");
        send(ctx, 501, what, html);
    }

    private static void send(Context ctx, int status, String title, Html html) {
        ctx.status(status).header("Cache-Control", "no-store").contentType(HTML)
                .result(AccessPages.decorate(ctx, Page.render(title, null, "none", html)));
    }
}
