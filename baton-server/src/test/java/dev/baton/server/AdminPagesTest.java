package dev.baton.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.Role;
import dev.baton.access.TokenInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's token and user pages over real HTTP with a real login, against a real engine on a
 * real SQLite file: form posts carry the session cookie and the page's CSRF token, are refused
 * without it and for an operator, and every action (refused ones too) is in the audit trail.
 */
class AdminPagesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private AccessRegistry access;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() {
        baton = TestWorkflows.register(Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))).build();
        server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.required());
        access = baton.access();
        access.createUser("ada", Role.ADMIN, PASSWORD.toCharArray());
        access.createUser("otto", Role.OPERATOR, PASSWORD.toCharArray());
        access.createUser("vera", Role.VIEWER, PASSWORD.toCharArray());
    }

    @AfterEach
    void close() {
        server.close();
        baton.close();
    }

    @Test
    void anAdminMakesATokenWhoseSecretIsShownOnceAndRevokesIt() throws Exception {
        String cookie = sessionCookie("ada");
        HttpResponse<String> page = send(get("/ui/tokens", cookie));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/ui/tokens\"", "href=\"/ui/users\"", "Make token");
        String csrf = csrf(page.body());

        HttpResponse<String> made = send(post("/ui/tokens", cookie, "name", "ci-deploy", "role", "admin", "expires",
                "30d", "_csrf", csrf));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.headers().firstValue("Cache-Control")).contains("no-store");
        Matcher secret = Pattern.compile("id=\"new-token-secret\">(baton_[^<]+)</code>").matcher(made.body());
        assertThat(secret.find()).isTrue();
        TokenInfo token = access.tokens().stream().filter(t -> t.name().equals("ci-deploy")).findFirst().orElseThrow();
        assertThat(token.role()).isEqualTo(Role.ADMIN);
        assertThat(token.createdBy()).isEqualTo("ada");
        assertThat(token.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofDays(29)));
        HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(server.url() + "api/me"))
                .header("Authorization", "Bearer " + secret.group(1)).GET());
        assertThat(JSON.readTree(me.body()).get("name").asText()).isEqualTo("ci-deploy");

        // Listed afterwards with its dates, never with its secret.
        String list = send(get("/ui/tokens", cookie)).body();
        assertThat(list).contains("data-token=\"" + token.id() + "\"", "ci-deploy").doesNotContain(secret.group(1));

        HttpResponse<String> revoked = send(post("/ui/tokens/" + token.id() + "/revoke", cookie, "_csrf", csrf));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(access.tokens().stream().filter(t -> t.id().equals(token.id())).findFirst().orElseThrow().revokedAt())
                .isNotNull();
        assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "api/me"))
                .header("Authorization", "Bearer " + secret.group(1)).GET()).statusCode()).isEqualTo(401);
        assertThat(send(get("/ui/tokens", cookie)).body()).contains("class=\"token-revoked\" data-token=\""
                + token.id() + "\"");

        HttpResponse<String> bad = send(post("/ui/tokens", cookie, "name", "x", "role", "superuser", "_csrf", csrf));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("there is no role &#39;superuser&#39;", "the roles are viewer, operator, admin");

        List<AuditEntry> trail = access.audit(new AuditQuery("ada", null, null, null, 50, 0));
        AuditEntry create = only(trail, "token.create", "ok");
        assertThat(create.target()).isEqualTo(token.id());
        assertThat(create.via()).isEqualTo("session");
        assertThat(create.detail()).isEqualTo("'ci-deploy' as admin");
        assertThat(only(trail, "token.revoke", "ok").target()).isEqualTo(token.id());
        assertThat(only(trail, "token.create", "failed").detail()).contains("HTTP 400", "superuser");
    }

    @Test
    void withoutTheCsrfTokenOrAsAnOperatorNothingIsDoneAndTheAttemptIsAudited() throws Exception {
        String admin = sessionCookie("ada");
        HttpResponse<String> noCsrf = send(post("/ui/tokens", admin, "name", "sneaky", "role", "admin"));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("CSRF token is missing or wrong");
        String otherSessions = csrf(send(get("/ui/tokens", sessionCookie("ada"))).body());
        assertThat(send(post("/ui/tokens", admin, "name", "sneaky", "role", "admin", "_csrf", otherSessions))
                .statusCode()).isEqualTo(403);
        assertThat(send(post("/ui/users/vera/role", admin, "role", "admin")).statusCode()).isEqualTo(403);

        String operator = sessionCookie("otto");
        assertThat(send(get("/ui/tokens", operator)).statusCode()).isEqualTo(403);
        assertThat(send(get("/ui/users", operator)).statusCode()).isEqualTo(403);
        String operatorsCsrf = csrf(send(get("/ui/runs", operator)).body());
        HttpResponse<String> refused = send(post("/ui/tokens", operator, "name", "mine", "role", "admin", "_csrf",
                operatorsCsrf));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("has the role operator", "needs the role admin");
        assertThat(send(post("/ui/users/otto/role", operator, "role", "admin", "_csrf", operatorsCsrf)).statusCode())
                .isEqualTo(403);
        assertThat(send(get("/ui/runs", operator)).body()).doesNotContain("href=\"/ui/tokens\"");

        assertThat(access.tokens()).isEmpty();
        assertThat(access.user("vera").orElseThrow().role()).isEqualTo(Role.VIEWER);
        assertThat(access.user("otto").orElseThrow().role()).isEqualTo(Role.OPERATOR);
        List<AuditEntry> trail = access.audit(new AuditQuery(null, null, null, null, 100, 0));
        assertThat(trail.stream().filter(e -> e.outcome().equals("refused") && e.action().equals("token.create"))
                .map(AuditEntry::actor).toList()).containsExactlyInAnyOrder("ada", "ada", "otto");
        assertThat(trail.stream().filter(e -> e.outcome().equals("refused") && e.action().equals("user.role"))
                .map(AuditEntry::target).toList()).containsExactlyInAnyOrder("vera", "otto");
    }

    @Test
    void anAdminChangesARoleAndDisablesAUserButNotThemselves() throws Exception {
        String vera = sessionCookie("vera");
        String cookie = sessionCookie("ada");
        HttpResponse<String> page = send(get("/ui/users", cookie));
        assertThat(page.body()).contains("data-user=\"vera\"", "action=\"/ui/users/vera/role\"", "admin (you)")
                .doesNotContain("action=\"/ui/users/ada/disable\"");
        String csrf = csrf(page.body());

        HttpResponse<String> role = send(post("/ui/users/vera/role", cookie, "role", "operator", "_csrf", csrf));
        assertThat(role.statusCode()).isEqualTo(303);
        assertThat(access.user("vera").orElseThrow().role()).isEqualTo(Role.OPERATOR);
        assertThat(send(get("/ui/runs", vera)).body()).contains("vera · operator");

        HttpResponse<String> disabled = send(post("/ui/users/vera/disable", cookie, "_csrf", csrf));
        assertThat(disabled.statusCode()).isEqualTo(303);
        assertThat(access.user("vera").orElseThrow().disabled()).isTrue();
        assertThat(send(get("/ui/runs", vera)).statusCode()).as("the disabled user's session ended").isEqualTo(303);

        HttpResponse<String> self = send(post("/ui/users/ada/role", cookie, "role", "viewer", "_csrf", csrf));
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(self.body()).contains("you cannot change your own role here");
        assertThat(access.user("ada").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(send(post("/ui/users/nobody/disable", cookie, "_csrf", csrf)).statusCode()).isEqualTo(404);

        List<AuditEntry> trail = access.audit(new AuditQuery("ada", null, null, null, 50, 0));
        AuditEntry changed = only(trail, "user.role", "ok");
        assertThat(changed.target()).isEqualTo("vera");
        assertThat(changed.detail()).isEqualTo("to operator");
        assertThat(only(trail, "user.disable", "ok").target()).isEqualTo("vera");
        assertThat(only(trail, "user.role", "failed").detail()).contains("HTTP 409");
    }

    // ---- helpers ----

    private static AuditEntry only(List<AuditEntry> trail, String action, String outcome) {
        List<AuditEntry> found = trail.stream().filter(e -> e.action().equals(action) && e.outcome().equals(outcome))
                .toList();
        assertThat(found).as("%s %s in %s", action, outcome, trail).hasSize(1);
        return found.get(0);
    }

    private String sessionCookie(String user) throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("user", user, "password", PASSWORD))));
        String header = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError(user
                + " could not log in"));
        return header.substring(0, header.indexOf(';'));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a form with a CSRF token").isTrue();
        return m.group(1);
    }

    private HttpRequest.Builder get(String path, String cookie) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).header("Cookie", cookie).GET();
    }

    private HttpRequest.Builder post(String path, String cookie, String... form) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    }

    private static String form(String... pairs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            text.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
