package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StartOptions;
import dev.baton.StoreConfig;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.NewToken;
import dev.baton.access.Role;
import dev.baton.engine.access.StoreAccess;
import dev.baton.server.access.RouteRoles;
import dev.baton.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access control over real HTTP on loopback, against a real engine on a real SQLite file, with
 * authentication on: each role's allowed and refused actions, refused tokens, the UI's login,
 * session cookie and CSRF token, the slowing of a login brute force, and the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;

    private Baton baton;
    private BatonServer server;
    private AccessRegistry access;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void startServer() {
        baton = TestWorkflows.register(Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))).build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.required());
        access = baton.access();
        for (Role role : Role.values()) {
            tokens.put(role.label(), access.createToken(role.label() + "-token", role, null, "test").secret());
        }
        access.createUser("ada", Role.ADMIN, PASSWORD.toCharArray());
        access.createUser("otto", Role.OPERATOR, PASSWORD.toCharArray());
        access.createUser("vera", Role.VIEWER, PASSWORD.toCharArray());
        access.createUser("target", Role.ADMIN, PASSWORD.toCharArray());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (baton != null) {
            baton.close();
        }
    }

    // ---- every route has a role ----

    @Test
    void everyRegisteredRouteDeclaresItsRoleAndEveryDeclaredRouteIsRegistered() {
        Set<String> registered = new HashSet<>(server.routes());
        for (String route : registered) {
            String[] parts = route.split(" ", 2);
            assertThat(RouteRoles.of(parts[0], parts[1])).as("the role of %s in RouteRoles", route).isPresent();
        }
        assertThat(registered).containsAll(RouteRoles.all().keySet());
    }

    @Test
    void theOpenApiDocumentGivesEachOperationTheRoleItsRuleNeeds() throws Exception {
        JsonNode paths = JSON.readTree(send(get("/api/openapi.json")).body()).path("paths");
        for (var path = paths.fields(); path.hasNext(); ) {
            var entry = path.next();
            for (var op = entry.getValue().fields(); op.hasNext(); ) {
                var operation = op.next();
                String route = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + entry.getKey();
                RouteRoles.Rule rule = RouteRoles.of(operation.getKey().toUpperCase(java.util.Locale.ROOT), entry.getKey())
                        .orElseThrow(() -> new AssertionError(route + " is documented but has no rule in RouteRoles"));
                assertThat(operation.getValue().path("x-baton-role").asText()).as("x-baton-role of %s", route)
                        .isEqualTo(rule.needs().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    // ---- each role, each action ----

    /** An action over the API: what it sends, and whether a role may do it. */
    private record Action(String name, Role needs, Supplier<HttpRequest.Builder> request) {
    }

    private List<Action> actions() {
        List<Action> actions = new ArrayList<>();
        actions.add(new Action("read runs", Role.VIEWER, () -> get("/api/runs")));
        actions.add(new Action("read a run page", Role.VIEWER, () -> get("/ui/runs")));
        actions.add(new Action("metrics", Role.VIEWER, () -> get("/metrics")));
        actions.add(new Action("start", Role.OPERATOR, () -> post("/api/runs", "{\"workflow\":\"Greet\",\"input\":{\"name\":\"x\"}}")));
        actions.add(new Action("cancel", Role.OPERATOR, () -> post("/api/runs/" + waitingRun() + "/cancel", "")));
        actions.add(new Action("signal", Role.OPERATOR, () -> post("/api/runs/" + waitingRun() + "/signals",
                "{\"name\":\"approve\",\"payload\":true}")));
        actions.add(new Action("retry", Role.OPERATOR, () -> post("/api/runs/" + waitingRun() + "/retry", "")));
        actions.add(new Action("pause", Role.OPERATOR, () -> post("/api/schedules/Tick/hourly/pause", "")));
        actions.add(new Action("resume", Role.OPERATOR, () -> post("/api/schedules/Tick/hourly/resume", "")));
        actions.add(new Action("backfill", Role.OPERATOR, () -> post("/api/schedules/Tick/hourly/backfill",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\"}")));
        actions.add(new Action("list tokens", Role.ADMIN, () -> get("/api/tokens")));
        actions.add(new Action("list users", Role.ADMIN, () -> get("/api/users")));
        actions.add(new Action("read the audit trail", Role.ADMIN, () -> get("/api/audit")));
        actions.add(new Action("create a token", Role.ADMIN, () -> post("/api/tokens", "{\"name\":\"made\",\"role\":\"viewer\"}")));
        actions.add(new Action("deploy", Role.ADMIN, () -> post("/api/deployments", "{\"manifest\":"
                + dev.baton.engine.manifest.ManifestJson.write(new dev.baton.engine.manifest.Manifest(
                        dev.baton.engine.manifest.Manifest.FORMAT, "t1", List.of(), List.of())) + "}")));
        return actions;
    }

    @Test
    void eachRoleMayDoWhatItsRoleAllowsAndIsRefusedTheRestNamingTheRoleNeeded() throws Exception {
        for (Action action : actions()) {
            HttpResponse<String> anonymous = send(action.request().get());
            if (anonymous.uri().getPath().startsWith("/ui/")) {
                // A page leads a browser to the login form.
                assertThat(anonymous.statusCode()).as("%s without credentials", action.name()).isEqualTo(303);
            } else {
                assertThat(anonymous.statusCode()).as("%s without credentials", action.name()).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(action.name())
                        .contains("Bearer realm=\"baton\"");
            }
            for (Role role : Role.values()) {
                HttpResponse<String> answer = send(action.request().get()
                        .header("Authorization", "Bearer " + tokens.get(role.label())));
                if (role.includes(action.needs())) {
                    // 409 for retry: the run is not failed. The gate let the call through to the action itself.
                    assertThat(answer.statusCode()).as("%s as %s: %s", action.name(), role, answer.body())
                            .isIn(200, 201, 202, 409);
                } else {
                    assertThat(answer.statusCode()).as("%s as %s", action.name(), role).isEqualTo(403);
                    assertThat(JSON.readTree(answer.body()).path("message").asText()).as(action.name())
                            .contains("has the role " + role.label()).contains("needs the role " + action.needs().label());
                }
            }
        }
    }

    @Test
    void aRefusedActionChangesNothing() throws Exception {
        String run = waitingRun();
        HttpResponse<String> viewer = send(post("/api/runs/" + run + "/cancel", "")
                .header("Authorization", "Bearer " + tokens.get("viewer")));
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(baton.findRun(run).orElseThrow().cancelRequested()).isFalse();
        HttpResponse<String> operator = send(post("/api/runs/" + run + "/cancel", "")
                .header("Authorization", "Bearer " + tokens.get("operator")));
        assertThat(operator.statusCode()).isEqualTo(202);
        assertThat(baton.findRun(run).orElseThrow().cancelRequested()).isTrue();
    }

    @Test
    void theEventStreamNeedsAViewer() throws Exception {
        assertThat(send(get("/api/events")).statusCode()).isEqualTo(401);
        HttpResponse<InputStream> stream = http.sendAsync(get("/api/events").header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + tokens.get("viewer")).build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(new String(body.readNBytes(5), StandardCharsets.UTF_8)).isNotEmpty();
        }
    }

    @Test
    void healthAndTheOpenApiDocumentAreOpenToAnyoneEvenWithAStaleToken() throws Exception {
        assertThat(send(get("/api/health")).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/health").header("Authorization", "Bearer baton_stale")).statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(send(get("/api/openapi.json")).body());
        assertThat(document.at("/components/securitySchemes/bearerToken/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1runs~1{id}~1cancel/post/x-baton-role").asText()).isEqualTo("operator");
    }

    // ---- refused tokens: each a clear 401, never a crash ----

    @Test
    void anExpiredARevokedAnUnknownOrAMalformedTokenIsA401ThatSaysWhich() throws Exception {
        String expired;
        try (SqliteStore sameFile = SqliteStore.open(StoreConfig.sqlite(dir.resolve("baton.db")))) {
            Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(365)), ZoneOffset.UTC);
            expired = new StoreAccess(sameFile.access(), lastYear)
                    .createToken("old-ci", Role.ADMIN, Instant.now().minus(Duration.ofDays(300)), "test").secret();
        }
        NewToken revoked = access.createToken("leaked", Role.ADMIN, null, "test");
        access.revokeToken(revoked.info().id());

        assertRefused(expired, "expired at");
        assertRefused(revoked.secret(), "was revoked at");
        assertRefused("baton_t000000000000_" + "x".repeat(43), "unknown");
        assertRefused("not-a-baton-token", "not a Baton token");
        HttpResponse<String> basic = send(get("/api/runs").header("Authorization", "Basic YWRhOnB3"));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("must be 'Bearer TOKEN'");
    }

    private void assertRefused(String token, String reason) throws Exception {
        HttpResponse<String> answer = send(get("/api/runs").header("Authorization", "Bearer " + token));
        assertThat(answer.statusCode()).as(reason).isEqualTo(401);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("status").asInt()).isEqualTo(401);
        assertThat(error.path("message").asText()).contains(reason);
    }

    @Test
    void aRoleThatDoesNotExistIsA400ListingTheRoles() throws Exception {
        HttpResponse<String> answer = send(post("/api/tokens", "{\"name\":\"ci\",\"role\":\"superuser\"}")
                .header("Authorization", "Bearer " + tokens.get("admin")));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("field").asText()).isEqualTo("role");
        assertThat(error.path("message").asText()).contains("there is no role 'superuser'", "viewer, operator, admin");
    }

    @Test
    void anAdminCreatesATokenThatWorksOnceShownAndRevokesIt() throws Exception {
        HttpResponse<String> created = send(post("/api/tokens", "{\"name\":\"deploy-bot\",\"role\":\"operator\",\"expires\":\"30d\"}")
                .header("Authorization", "Bearer " + tokens.get("admin")));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String secret = token.path("secret").asText();
        assertThat(send(get("/api/me").header("Authorization", "Bearer " + secret)).body())
                .contains("\"name\":\"deploy-bot\"", "\"role\":\"operator\"");
        String listed = send(get("/api/tokens").header("Authorization", "Bearer " + tokens.get("admin"))).body();
        assertThat(listed).contains("deploy-bot").doesNotContain(secret);

        HttpResponse<String> revoke = send(post("/api/tokens/" + token.path("id").asText() + "/revoke", "")
                .header("Authorization", "Bearer " + tokens.get("admin")));
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(send(get("/api/me").header("Authorization", "Bearer " + secret)).statusCode()).isEqualTo(401);
        assertThat(send(post("/api/tokens/t-nope/revoke", "").header("Authorization", "Bearer " + tokens.get("admin")))
                .statusCode()).isEqualTo(404);
        assertThat(send(post("/api/tokens", "{\"name\":\"x\",\"role\":\"viewer\",\"expires\":\"soon\"}")
                .header("Authorization", "Bearer " + tokens.get("admin"))).body()).contains("cannot read the expiry 'soon'");
    }

    // ---- the UI: login, cookie, CSRF ----

    @Test
    void aPageWithoutALoginLeadsToTheLoginFormAndBackAfterIt() throws Exception {
        HttpResponse<String> page = send(get("/ui/runs?status=FAILED"));
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fui%2Fruns%3Fstatus%3DFAILED");
        assertThat(send(get("/login")).body()).contains("<form class=\"login\" method=\"post\" action=\"/login\">");

        HttpResponse<String> login = login("vera", PASSWORD, "/ui/runs?status=FAILED");
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/ui/runs?status=FAILED");
        HttpResponse<String> away = login("vera", PASSWORD, "//evil.example/");
        assertThat(away.headers().firstValue("Location")).hasValue("/");
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(form("user", "vera", "password", PASSWORD))));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndSecureOnlyOverTls() throws Exception {
        String cookie = login("vera", PASSWORD, "/").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(AccessGate.SESSION_COOKIE + "=").contains("; HttpOnly", "; SameSite=Strict",
                "; Path=/").doesNotContain("Secure");

        try (BatonServer behindProxy = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.required().trustingProxy())) {
            HttpResponse<String> viaTls = send(HttpRequest.newBuilder(URI.create(behindProxy.url() + "login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
                    .POST(HttpRequest.BodyPublishers.ofString(form("user", "vera", "password", PASSWORD))));
            assertThat(viaTls.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure", "; HttpOnly");
        }
        // A server that does not trust a proxy ignores the header.
        HttpResponse<String> spoofed = send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(form("user", "vera", "password", PASSWORD))));
        assertThat(spoofed.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void aUiActionIsRefusedWithoutTheCsrfTokenOrWithAWrongOneAndDoneWithIt() throws Exception {
        String cookie = sessionCookie("otto");
        String run = waitingRun();
        String csrf = csrfToken(cookie, "/ui/runs/" + run);

        HttpResponse<String> none = send(uiPost("/ui/runs/" + run + "/cancel", cookie, ""));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF token is missing or wrong");
        HttpResponse<String> wrong = send(uiPost("/ui/runs/" + run + "/cancel", cookie, form("_csrf", csrf + "x")));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> otherSessions = send(uiPost("/ui/runs/" + run + "/cancel", cookie,
                form("_csrf", csrfToken(sessionCookie("otto"), "/"))));
        assertThat(otherSessions.statusCode()).isEqualTo(403);
        assertThat(baton.findRun(run).orElseThrow().cancelRequested()).isFalse();

        HttpResponse<String> right = send(uiPost("/ui/runs/" + run + "/cancel", cookie, form("_csrf", csrf)));
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(baton.findRun(run).orElseThrow().cancelRequested()).isTrue();

        // The API, called with the browser's cookie rather than a token, wants the token too.
        String other = waitingRun();
        assertThat(send(post("/api/runs/" + other + "/cancel", "").header("Cookie", cookie)).statusCode()).isEqualTo(403);
        assertThat(send(post("/api/runs/" + other + "/cancel", "").header("Cookie", cookie).header("X-CSRF-Token", csrf))
                .statusCode()).isEqualTo(202);
    }

    @Test
    void aViewersSessionSeesPagesButMayNotAct() throws Exception {
        String cookie = sessionCookie("vera");
        String run = waitingRun();
        String page = send(get("/ui/runs/" + run).header("Cookie", cookie)).body();
        assertThat(page).contains("vera · viewer", "action=\"/logout\"", "<body data-readonly ")
                .doesNotContain("href=\"/ui/audit\"");
        assertThat(send(get("/ui/runs/" + run).header("Cookie", sessionCookie("otto"))).body())
                .doesNotContain("data-readonly");
        String csrf = csrfToken(cookie, "/ui/runs/" + run);
        HttpResponse<String> cancel = send(uiPost("/ui/runs/" + run + "/cancel", cookie, form("_csrf", csrf)));
        assertThat(cancel.statusCode()).isEqualTo(403);
        assertThat(cancel.body()).contains("needs the role operator");
        assertThat(send(get("/ui/audit").header("Cookie", cookie)).statusCode()).isEqualTo(403);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String cookie = sessionCookie("ada");
        String csrf = csrfToken(cookie, "/");
        assertThat(send(uiPost("/logout", cookie, "")).statusCode()).isEqualTo(403);
        HttpResponse<String> out = send(uiPost("/logout", cookie, form("_csrf", csrf)));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send(get("/ui/runs").header("Cookie", cookie)).statusCode()).isEqualTo(303);
    }

    // ---- brute force ----

    @Test
    void theSixthLoginAfterFiveWrongPasswordsIsRefusedEvenWithTheRightOne() throws Exception {
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> wrong = login("target", "wrong password " + i, "/");
            assertThat(wrong.statusCode()).as("wrong attempt %d", i).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong user name or password.");
        }
        HttpResponse<String> sixth = login("target", PASSWORD, "/");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(sixth.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(sixth.body()).contains("Too many failed logins");
        assertThat(access.lockedUntil("user:target")).isPresent();
        List<AuditEntry> attempts = access.audit(new AuditQuery("target", "login", null, null, 10, 0));
        assertThat(attempts).hasSize(6).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("refused"));
        assertThat(attempts.get(0).detail()).contains("too many failed logins");
    }

    // ---- the audit trail ----

    @Test
    void everyActionIsInTheAuditTrailWithWhoWhatWhenWhereAndHowItWent() throws Exception {
        String operator = "Bearer " + tokens.get("operator");
        String viewer = "Bearer " + tokens.get("viewer");
        String run = waitingRun();
        String other = waitingRun();
        send(post("/api/runs", "{\"workflow\":\"Greet\",\"input\":{\"name\":\"audit\"},\"runId\":\"audit-start\"}")
                .header("Authorization", operator).header("User-Agent", "audit-test/1"));
        send(post("/api/runs/" + run + "/signals", "{\"name\":\"approve\",\"payload\":true}").header("Authorization", operator));
        send(post("/api/runs/" + other + "/cancel", "").header("Authorization", operator));
        send(post("/api/runs/" + other + "/retry", "").header("Authorization", operator));
        send(post("/api/schedules/Tick/hourly/pause", "").header("Authorization", operator));
        send(post("/api/schedules/Tick/hourly/resume", "").header("Authorization", operator));
        send(post("/api/schedules/Tick/hourly/backfill", "{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-02-01T01:00:00Z\"}")
                .header("Authorization", operator));
        send(post("/api/runs/" + run + "/cancel", "").header("Authorization", viewer));
        String cookie = sessionCookie("otto");
        String uiRun = waitingRun();
        send(uiPost("/ui/runs/" + uiRun + "/cancel", cookie, form("_csrf", csrfToken(cookie, "/"))));

        List<AuditEntry> trail = access.audit(AuditQuery.latest(200));
        assertThat(entry(trail, "operator-token", "start", "audit-start").outcome()).isEqualTo("ok");
        AuditEntry start = entry(trail, "operator-token", "start", "audit-start");
        assertThat(start.via()).isEqualTo("token");
        assertThat(start.address()).isEqualTo("127.0.0.1");
        assertThat(start.userAgent()).isEqualTo("audit-test/1");
        assertThat(start.at()).isBefore(Instant.now().plusSeconds(1));
        assertThat(entry(trail, "operator-token", "signal", run).outcome()).isEqualTo("ok");
        assertThat(entry(trail, "operator-token", "cancel", other).outcome()).isEqualTo("ok");
        assertThat(entry(trail, "operator-token", "retry", other).outcome()).isEqualTo("failed");
        assertThat(entry(trail, "operator-token", "pause", "Tick/hourly").outcome()).isEqualTo("ok");
        assertThat(entry(trail, "operator-token", "resume", "Tick/hourly").outcome()).isEqualTo("ok");
        assertThat(entry(trail, "operator-token", "backfill", "Tick/hourly").outcome()).isEqualTo("ok");
        AuditEntry refused = entry(trail, "viewer-token", "cancel", run);
        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(refused.detail()).contains("needs the role operator");
        AuditEntry ui = entry(trail, "otto", "cancel", uiRun);
        assertThat(ui.via()).isEqualTo("session");
        assertThat(ui.outcome()).isEqualTo("ok");
        assertThat(entry(trail, "otto", "login", "otto").outcome()).isEqualTo("ok");
    }

    @Test
    void everyUiActionIsInTheAuditTrailToo() throws Exception {
        String cookie = sessionCookie("otto");
        String csrf = "_csrf=" + URLEncoder.encode(csrfToken(cookie, "/"), StandardCharsets.UTF_8);
        String signalled = waitingRun();
        String notFailed = waitingRun();
        Map<String, String[]> actions = new LinkedHashMap<>();
        actions.put("start", new String[]{"/ui/workflows/Greet/start", "input=%7B%22name%22%3A%22ui%22%7D", "Greet"});
        actions.put("signal", new String[]{"/ui/runs/" + signalled + "/signal", "name=approve&payload=true", signalled});
        actions.put("retry", new String[]{"/ui/runs/" + notFailed + "/retry", "", notFailed});
        actions.put("pause", new String[]{"/ui/schedules/Tick/hourly/pause", "", "Tick/hourly"});
        actions.put("resume", new String[]{"/ui/schedules/Tick/hourly/resume", "", "Tick/hourly"});
        actions.put("backfill", new String[]{"/ui/schedules/Tick/hourly/backfill",
                "from=2026-03-01T00%3A00%3A00Z&to=2026-03-01T02%3A00%3A00Z&parallelism=1", "Tick/hourly"});
        for (Map.Entry<String, String[]> action : actions.entrySet()) {
            String[] a = action.getValue();
            HttpResponse<String> answer = send(uiPost(a[0], cookie, a[1].isEmpty() ? csrf : a[1] + "&" + csrf)
                    .header("User-Agent", "ui-audit-test"));
            assertThat(answer.statusCode()).as(action.getKey() + ": " + answer.body()).isIn(200, 409);
        }
        List<AuditEntry> trail = access.audit(new AuditQuery("otto", null, null, null, 100, 0));
        for (Map.Entry<String, String[]> action : actions.entrySet()) {
            AuditEntry entry = entry(trail, "otto", action.getKey(), action.getValue()[2]);
            assertThat(entry.via()).isEqualTo("session");
            assertThat(entry.userAgent()).isEqualTo("ui-audit-test");
            assertThat(entry.outcome()).as(action.getKey()).isEqualTo(action.getKey().equals("retry") ? "failed" : "ok");
        }
        assertThat(entry(trail, "otto", "signal", signalled).detail()).isEqualTo("signal approve");
    }

    @Test
    void theAuditTrailIsExportedAsJsonPagesJsonLinesAndCsvAndShownToAdmins() throws Exception {
        send(post("/api/schedules/Tick/hourly/pause", "").header("Authorization", "Bearer " + tokens.get("operator")));
        String admin = "Bearer " + tokens.get("admin");
        JsonNode page = JSON.readTree(send(get("/api/audit?action=pause&limit=1").header("Authorization", admin)).body());
        assertThat(page.path("entries")).hasSize(1);
        assertThat(page.path("entries").get(0).path("action").asText()).isEqualTo("pause");
        assertThat(page.path("limit").asInt()).isEqualTo(1);

        HttpResponse<String> lines = send(get("/api/audit?format=jsonl&action=pause").header("Authorization", admin));
        assertThat(lines.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        for (String line : lines.body().split("\n")) {
            assertThat(JSON.readTree(line).path("action").asText()).isEqualTo("pause");
        }
        HttpResponse<String> csv = send(get("/api/audit?format=csv&action=pause").header("Authorization", admin));
        assertThat(csv.body()).startsWith("id,at,actor,via,action,target,outcome,detail,address,userAgent\r\n")
                .contains("\"operator-token\",\"token\",\"pause\",\"Tick/hourly\",\"ok\"");
        assertThat(send(get("/api/audit?format=xml").header("Authorization", admin)).statusCode()).isEqualTo(400);
        assertThat(send(get("/api/audit?after=yesterday").header("Authorization", admin)).statusCode()).isEqualTo(400);

        String cookie = sessionCookie("ada");
        String ui = send(get("/ui/audit?action=pause").header("Cookie", cookie)).body();
        assertThat(ui).contains("<h1>Audit</h1>", "operator-token", "Tick/hourly", "href=\"/ui/audit\"");
    }

    // ---- the bind address ----

    @Test
    void aServerBeyondLoopbackAuthenticatesAndRefusesToStartWithoutUnlessToldItIsMeant() throws Exception {
        assertThatThrownBy(() -> BatonServer.start(baton, "0.0.0.0", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.defaults().withAuth(ServerSecurity.Auth.OFF)))
                .isInstanceOf(ServerStartException.class).hasMessageContaining("refusing to serve on 0.0.0.0 without "
                        + "authentication").hasMessageContaining("--insecure-no-auth");
        try (BatonServer network = BatonServer.start(baton, "0.0.0.0", 0)) {
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(network.url() + "api/runs")).GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
        try (BatonServer insecure = BatonServer.start(baton, "0.0.0.0", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.defaults().withAuth(ServerSecurity.Auth.OFF).allowingInsecureNetworkWithoutAuth())) {
            assertThat(send(HttpRequest.newBuilder(URI.create(insecure.url() + "api/runs")).GET()).statusCode())
                    .isEqualTo(200);
        }
    }

    // ---- helpers ----

    private static AuditEntry entry(List<AuditEntry> trail, String actor, String action, String target) {
        return trail.stream().filter(e -> e.actor().equals(actor) && e.action().equals(action)
                        && target.equals(e.target())).findFirst()
                .orElseThrow(() -> new AssertionError("no audit entry of " + actor + " " + action + " " + target
                        + " in " + trail));
    }

    private String waitingRun() {
        String id = baton.start("Approval", "1.0", StartOptions.defaults()).runId();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (baton.findRun(id).orElseThrow().status() != RunStatus.WAITING) {
            if (System.nanoTime() > until) {
                throw new AssertionError("run " + id + " did not start waiting");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return id;
    }

    private HttpResponse<String> login(String user, String password, String next) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("user", user, "password", password, "next", next))));
    }

    private String sessionCookie(String user) throws Exception {
        String header = login(user, PASSWORD, "/").headers().firstValue("Set-Cookie").orElseThrow(
                () -> new AssertionError(user + " could not log in"));
        return header.substring(0, header.indexOf(';'));
    }

    private String csrfToken(String cookie, String path) throws Exception {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(send(get(path).header("Cookie", cookie)).body());
        assertThat(m.find()).as("a form with a CSRF token on " + path).isTrue();
        return m.group(1);
    }

    private HttpRequest.Builder uiPost(String path, String cookie, String form) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static String form(String... pairs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            text.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
