package dev.baton.server.ui;

import dev.baton.access.AccessException;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.Role;
import dev.baton.access.Session;
import dev.baton.server.access.AuditTrail;
import dev.baton.server.access.Caller;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UI's login form, logout, and the audit page; and what every page gets for access control:
 * the CSRF token in each form that posts, and in the header who is logged in and the way out.
 */
public final class AccessPages {
    /** The UI's session cookie. */
    public static final String SESSION_COOKIE = "baton_session";
    private static final String HTML = "text/html; charset=utf-8";
    private static final Pattern POST_FORM = Pattern.compile("<form\\b[^>]*\\bmethod=\"post\"[^>]*>");
    private static final int AUDIT_PAGE = 100;

    private final AccessRegistry registry;
    private final AuditTrail audit;
    private final boolean authOn;
    private final Duration sessionIdle;
    private final Duration sessionMax;
    private final Predicate<Context> overTls;
    private final Function<Context, String> address;

    private AccessPages(AccessRegistry registry, AuditTrail audit, boolean authOn, Duration sessionIdle,
                        Duration sessionMax, Predicate<Context> overTls, Function<Context, String> address) {
        this.registry = registry;
        this.audit = audit;
        this.authOn = authOn;
        this.sessionIdle = sessionIdle;
        this.sessionMax = sessionMax;
        this.overTls = overTls;
        this.address = address;
    }

    /**
     * Registers {@code GET/POST /login}, {@code POST /logout} and {@code GET /ui/audit}.
     *
     * @param registry   the store's users and sessions, or null when the engine keeps none
     * @param audit      the audit trail
     * @param authOn     whether the server authenticates callers
     * @param sessionIdle how long a login lives unused
     * @param sessionMax  how long a login lives at most
     * @param overTls     whether a request came over TLS (the cookie is then Secure)
     * @param address     the client's address of a request (behind a trusted proxy, from X-Forwarded-For)
     */
    public static void register(JavalinConfig config, AccessRegistry registry, AuditTrail audit, boolean authOn,
                                Duration sessionIdle, Duration sessionMax, Predicate<Context> overTls,
                                Function<Context, String> address) {
        AccessPages pages = new AccessPages(registry, audit, authOn, sessionIdle, sessionMax, overTls, address);
        config.routes.get("/login", pages::loginForm);
        config.routes.post("/login", pages::login);
        config.routes.post("/logout", pages::logout);
        config.routes.get("/ui/audit", pages::auditPage);
    }

    // ---- what every page gets ----

    /**
     * @param ctx  the request
     * @param html a whole page
     * @return the page with the caller's CSRF token in every form that posts, and the caller in the header
     */
    static String decorate(Context ctx, String html) {
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        if (caller == null) {
            return html;
        }
        String field = caller.csrfToken() == null ? "" : "<input type=\"hidden\" name=\"_csrf\" value=\""
                + Html.escape(caller.csrfToken()) + "\">";
        Matcher forms = POST_FORM.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (forms.find()) {
            forms.appendReplacement(out, Matcher.quoteReplacement(forms.group() + field));
        }
        forms.appendTail(out);
        Html nav = new Html();
        if (caller.may(Role.ADMIN) && !caller.via().equals("token")) {
            nav.raw("<a href=\"/ui/tokens\">Tokens</a><a href=\"/ui/users\">Users</a><a href=\"/ui/audit\">Audit</a>");
        }
        nav.raw("</nav>");
        if (caller.loggedIn()) {
            nav.raw("<span class=\"account\">").text(caller.name()).raw(" · ").text(caller.role().label())
                    .raw(" <form class=\"inline\" method=\"post\" action=\"/logout\">").raw(field)
                    .raw("<button type=\"submit\">Log out</button></form></span>");
        }
        if (caller.role() != null && !caller.may(Role.OPERATOR)) {
            // A viewer's pages hide the actions (the stylesheet does); the server refuses them anyway.
            int body = out.indexOf("<body ");
            if (body >= 0) {
                out.insert(body + "<body ".length(), "data-readonly ");
            }
        }
        int end = out.indexOf("</nav>");
        if (end >= 0) {
            out.replace(end, end + "</nav>".length(), nav.toString());
        }
        return out.toString();
    }

    // ---- login and logout ----

    private void loginForm(Context ctx) {
        if (!authOn) {
            message(ctx, 200, "No login needed", "This server runs without authentication (it serves this machine "
                    + "only); every page is open.");
            return;
        }
        loginPage(ctx, 200, null);
    }

    private void loginPage(Context ctx, int status, String problem) {
        String next = safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        Html html = new Html();
        html.raw("<h1>Log in</h1>");
        if (problem != null) {
            html.raw("<p class=\"error-box\" role=\"alert\">").text(problem).raw("</p>");
        }
        html.raw("<form class=\"login\" method=\"post\" action=\"/login\">")
                .raw("<input type=\"hidden\" name=\"next\" value=\"").text(next).raw("\">")
                .raw("<label>User <input name=\"user\" autocomplete=\"username\" required autofocus></label> ")
                .raw("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
                        + "required></label> <button type=\"submit\">Log in</button></form>");
        ctx.status(status).header("Cache-Control", "no-store").contentType(HTML)
                .result(Page.render("Log in", null, "none", html));
    }

    private void login(Context ctx) {
        if (!authOn || registry == null) {
            message(ctx, 400, "No login needed", "This server runs without authentication; there is nothing to log "
                    + "in to.");
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ctx.scheme() + "://" + ctx.host())
                && !origin.equalsIgnoreCase("https://" + ctx.host())) {
            // A login posted by another site's page would log this browser in to an account of that site's choosing;
            // "null" is such a page too, in a sandboxed frame (this server's own form always names its origin).
            loginPage(ctx, 403, "Logins are accepted only from this server's own login form.");
            return;
        }
        String user = ctx.formParam("user");
        String password = ctx.formParam("password");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            loginPage(ctx, 400, "Give a user name and a password.");
            return;
        }
        user = user.strip();
        String from = address.apply(ctx);
        try {
            Session session = registry.login(user, password.toCharArray(), from, sessionIdle);
            // A new session id on every login; the one this browser had before (if any) ends, so that an id
            // planted in the browser before the login (session fixation) never becomes a logged-in one.
            String previous = ctx.cookie(SESSION_COOKIE);
            if (previous != null) {
                registry.logout(previous);
            }
            audit.record(user, "session", from, ctx.userAgent(), "login", user, "ok", null);
            // The browser keeps the cookie up to the maximum; the server ends the session sooner when it is unused.
            ctx.header("Set-Cookie", SESSION_COOKIE + "=" + session.secret() + "; Path=/; Max-Age="
                    + sessionMax.toSeconds() + "; HttpOnly; SameSite=Strict" + (overTls.test(ctx) ? "; Secure" : ""));
            ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
        } catch (AccessException e) {
            audit.record(user, "session", from, ctx.userAgent(), "login", user, "refused", e.getMessage());
            if (e.reason() == AccessException.Reason.LOCKED) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                loginPage(ctx, 429, "Too many failed logins: " + e.getMessage() + ".");
            } else {
                loginPage(ctx, 401, "Wrong user name or password.");
            }
        }
    }

    private void logout(Context ctx) {
        Caller caller = Caller.of(ctx);
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (registry != null && cookie != null) {
            registry.logout(cookie);
        }
        audit.record(caller, "logout", caller.name(), "ok", null);
        ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (overTls.test(ctx) ? "; Secure" : ""));
        ctx.redirect(authOn ? "/login" : "/", HttpStatus.SEE_OTHER);
    }

    /** Goes on only to a page of this server. */
    private static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    // ---- the audit page ----

    private void auditPage(Context ctx) {
        Html html = new Html();
        html.raw("<h1>Audit</h1><section class=\"panel\">");
        if (registry == null) {
            html.raw("<p>This engine keeps no audit trail.</p></section>");
            ctx.contentType(HTML).result(decorate(ctx, Page.render("Audit", null, "none", html)));
            return;
        }
        String actor = blankToNull(ctx.queryParam("actor"));
        String action = blankToNull(ctx.queryParam("action"));
        long offset;
        try {
            offset = Math.max(0, Long.parseLong(ctx.queryParam("offset") == null ? "0" : ctx.queryParam("offset")));
        } catch (NumberFormatException e) {
            offset = 0;
        }
        List<AuditEntry> entries = registry.audit(new AuditQuery(actor, action, null, null, AUDIT_PAGE + 1, offset));
        String filter = (actor == null ? "" : "&actor=" + Html.query(actor)) + (action == null ? "" : "&action="
                + Html.query(action));
        html.raw("<form class=\"filters\" method=\"get\" action=\"/ui/audit\">")
                .raw("<label>Who <input name=\"actor\" value=\"").text(actor == null ? "" : actor).raw("\"></label> ")
                .raw("<label>Action <input name=\"action\" value=\"").text(action == null ? "" : action).raw("\"></label> ")
                .raw("<button type=\"submit\">Filter</button></form>")
                .raw("<p>Export: ").link("/api/audit?format=csv&limit=10000" + filter, "CSV").raw(" · ")
                .link("/api/audit?format=jsonl&limit=10000" + filter, "JSON lines").raw(" · ")
                .link("/api/audit?limit=100" + filter, "JSON").raw("</p>");
        html.raw("<table class=\"grid audit\"><thead><tr><th>When</th><th>Who</th><th>Via</th><th>Action</th><th>Target</th>"
                + "<th>Outcome</th><th>Detail</th><th>From</th></tr></thead><tbody>");
        entries.stream().limit(AUDIT_PAGE).forEach(e -> html.raw("<tr class=\"outcome-").text(e.outcome()).raw("\"><td>")
                .text(Formats.time(e.at())).raw("</td><td>").text(e.actor()).raw("</td><td>").text(e.via())
                .raw("</td><td>").text(e.action()).raw("</td><td>").text(e.target() == null ? "" : e.target())
                .raw("</td><td>").text(e.outcome()).raw("</td><td class=\"detail\">").text(e.detail() == null ? "" : e.detail())
                .raw("</td><td title=\"").text(e.userAgent() == null ? "" : e.userAgent()).raw("\">")
                .text(e.address() == null ? "" : e.address()).raw("</td></tr>"));
        html.raw("</tbody></table>");
        if (entries.isEmpty()) {
            html.raw("<p>No entries.</p>");
        }
        if (entries.size() > AUDIT_PAGE) {
            html.raw("<p>").link("/ui/audit?offset=" + (offset + AUDIT_PAGE) + filter, "older").raw("</p>");
        }
        html.raw("</section>");
        ctx.header("Cache-Control", "no-store").contentType(HTML)
                .result(decorate(ctx, Page.render("Audit", null, "none", html)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void message(Context ctx, int status, String title, String text) {
        Html html = new Html();
        html.raw("<h1>").text(title).raw("</h1><p>").text(text).raw("</p><p>").link("/", "home").raw("</p>");
        ctx.status(status).contentType(HTML).result(Page.render(title, null, "none", html));
    }
}
