package dev.baton.server;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access control against the ways around it: methods, paths and encodings that might reach a
 * handler without the gate, redirects out of the login, forged requests to a server without
 * authentication, and refused attempts that must still be in the audit trail. Over real HTTP on
 * loopback, against a real engine on a real SQLite file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessHardeningTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;

    private Baton baton;
    private BatonServer server;
    private AccessRegistry access;
    private String viewerToken;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startServer() {
        baton = TestWorkflows.register(Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))).build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.required());
        access = baton.access();
        viewerToken = access.createToken("hardening-viewer", Role.VIEWER, null, "test").secret();
        access.createUser("ada", Role.ADMIN, PASSWORD.toCharArray());
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

    @Test
    void noMethodPathOrEncodingReachesAProtectedRouteWithoutCredentials() throws Exception {
        for (String path : List.of("/api/runs", "/api/runs/", "/API/runs", "/api//runs", "/api/%72uns", "/api/runs;x=1",
                "/api/./runs", "/x/../api/runs", "/api/users", "/api/users/", "/api/audit", "/api/audit/", "/ui/audit",
                "/ui/audit/", "/UI/audit", "/metrics", "/metrics/", "/api/events", "/api/tokens")) {
            for (String method : List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE")) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                        .method(method, HttpRequest.BodyPublishers.noBody()));
                assertThat(answer.statusCode()).as("%s %s without credentials", method, path)
                        .isIn(301, 302, 303, 307, 308, 400, 401, 403, 404, 405);
                if (answer.statusCode() / 100 == 3) {
                    assertThat(answer.headers().firstValue("Location").orElseThrow()).as("%s %s", method, path)
                            .startsWith("/login");
                }
                assertThat(answer.body()).as("%s %s", method, path).doesNotContain("\"runs\"", "\"users\"",
                        "\"entries\"", "\"tokens\"", "baton_", "<h1>Audit");
            }
        }
    }

    @Test
    void aHeadRequestNeedsTheRoleItsGetNeeds() throws Exception {
        assertThat(send(head("/api/health")).statusCode()).isEqualTo(200);
        assertThat(send(head("/api/runs")).statusCode()).isEqualTo(401);
        assertThat(send(head("/api/runs").header("Authorization", "Bearer " + viewerToken)).statusCode()).isEqualTo(200);
        assertThat(send(head("/api/audit").header("Authorization", "Bearer " + viewerToken)).statusCode()).isEqualTo(403);
        assertThat(send(head("/api/no-such-route")).statusCode()).isEqualTo(404);
    }

    @Test
    void theLoginGoesOnOnlyToAPageOfThisServerWhateverCharactersTheNextHides() throws Exception {
        for (String next : List.of("/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "/\t\\evil.example/",
                "/ /evil.example/", "\t//evil.example/", "/\\evil.example/", "https://evil.example/",
                "/%09/evil.example/", "/\u0000/evil.example/")) {
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("user", "ada", "password", PASSWORD, "next", next))));
            assertThat(login.statusCode()).as("login with next=%s", next.replace("\t", "\\t")).isEqualTo(303);
            String location = login.headers().firstValue("Location").orElseThrow();
            // Browsers drop tabs and line breaks from a URL and read a backslash as a slash.
            String asBrowserReadsIt = location.replaceAll("[\\t\\n\\r]", "").replace('\\', '/').strip();
            assertThat(asBrowserReadsIt).as("where next=%s leads", next.replace("\t", "\\t"))
                    .startsWith("/").doesNotStartWith("//");
        }
    }

    @Test
    void aLoginPostedFromASandboxedFrameOfAnotherSiteIsRefused() throws Exception {
        // A sandboxed frame's form says "Origin: null"; it could log the browser in to the attacker's account.
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.ofString(form("user", "ada", "password", PASSWORD))));
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aRefusedAttemptToMakeAUserOrATokenIsInTheAuditTrail() throws Exception {
        HttpResponse<String> user = send(post("/api/users", "{\"name\":\"mallory\",\"role\":\"admin\","
                + "\"password\":\"mallory's password\"}").header("Authorization", "Bearer " + viewerToken));
        assertThat(user.statusCode()).isEqualTo(403);
        HttpResponse<String> token = send(post("/api/tokens", "{\"name\":\"mallory\",\"role\":\"admin\"}")
                .header("Authorization", "Bearer " + viewerToken));
        assertThat(token.statusCode()).isEqualTo(403);
        List<AuditEntry> trail = access.audit(new AuditQuery("hardening-viewer", null, null, null, 100, 0));
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.create");
            assertThat(e.outcome()).isEqualTo("refused");
        });
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("token.create");
            assertThat(e.outcome()).isEqualTo("refused");
        });
    }

    @Test
    void aFailedAttemptToMakeAUserIsInTheAuditTrail() throws Exception {
        String admin = access.createToken("hardening-admin", Role.ADMIN, null, "test").secret();
        HttpResponse<String> twice = send(post("/api/users", "{\"name\":\"ada\",\"role\":\"viewer\","
                + "\"password\":\"another password\"}").header("Authorization", "Bearer " + admin));
        assertThat(twice.statusCode()).isEqualTo(409);
        List<AuditEntry> trail = access.audit(new AuditQuery("hardening-admin", "user.create", null, null, 100, 0));
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("failed");
            assertThat(e.detail()).doesNotContain("another password");
        });
    }

    @Test
    void aServerWithoutAuthenticationRefusesAnApiActionPostedByAnotherSitesPage() throws Exception {
        try (BatonServer open = BatonServer.start(baton, "127.0.0.1", 0)) {
            // What a page of another site can send without asking: a "simple" POST, text/plain, with its Origin.
            HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(open.url() + "api/users"))
                    .header("Content-Type", "text/plain").header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\",\"role\":\"admin\","
                            + "\"password\":\"mallory's password\"}")));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("evil.example");
            assertThat(access.user("mallory")).isEmpty();
            HttpResponse<String> sandboxed = send(HttpRequest.newBuilder(URI.create(open.url() + "api/users"))
                    .header("Content-Type", "text/plain").header("Origin", "null")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\",\"role\":\"admin\","
                            + "\"password\":\"mallory's password\"}")));
            assertThat(sandboxed.statusCode()).isEqualTo(403);
            assertThat(access.user("mallory")).isEmpty();
            // The CLI sends no Origin, and a page of the server itself sends its own: both go through.
            HttpResponse<String> cli = send(HttpRequest.newBuilder(URI.create(open.url() + "api/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"local-cli\",\"role\":\"viewer\","
                            + "\"password\":\"a long password\"}")));
            assertThat(cli.statusCode()).isEqualTo(201);
            String self = open.url().substring(0, open.url().length() - 1);
            HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(open.url() + "api/users"))
                    .header("Content-Type", "application/json").header("Origin", self)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"local-page\",\"role\":\"viewer\","
                            + "\"password\":\"a long password\"}")));
            assertThat(own.statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aServerWithoutAuthenticationAnswersOnlyRequestsAddressedToAnAddressOrLocalhost() throws Exception {
        try (BatonServer open = BatonServer.start(baton, "127.0.0.1", 0)) {
            // A page of evil.example whose name was rebound to 127.0.0.1 sends its own host name.
            String rebound = rawGet(open.port(), "/api/runs", "evil.example:" + open.port());
            assertThat(rebound).startsWith("HTTP/1.1 403").contains("not to 'evil.example:" + open.port() + "'");
            assertThat(rebound).doesNotContain("\"runs\"");
            for (String host : List.of("127.0.0.1:" + open.port(), "localhost:" + open.port(), "[::1]:" + open.port(),
                    "app.localhost:" + open.port())) {
                assertThat(rawGet(open.port(), "/api/runs", host)).as(host).startsWith("HTTP/1.1 200");
            }
        }
        // With authentication the name does not matter: the credentials do.
        assertThat(rawGet(server.port(), "/api/health", "baton.example.com:" + server.port())).startsWith("HTTP/1.1 200");
    }

    /** A GET with a Host header of our choosing (the JDK's client does not let a caller set it). */
    private static String rawGet(int port, String path, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void guessesSentAtOnceAreCheckedNoMoreOftenThanOneAfterAnother() throws Exception {
        access.createUser("victim", Role.ADMIN, PASSWORD.toCharArray());
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            guesses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("user", "victim", "password", "guess number " + i)))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> guess : guesses) {
            statuses.merge(guess.get().statusCode(), 1, Integer::sum);
        }
        // Five wrong passwords lock the account: the other guesses are refused before their password is looked at.
        assertThat(statuses).isEqualTo(Map.of(401, 5, 429, 11));
    }

    @Test
    void anOpenEventStreamEndsWhenItsTokenIsRevoked() throws Exception {
        dev.baton.access.NewToken token = access.createToken("hardening-stream", Role.VIEWER, null, "test");
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "api/events")).header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + token.secret()).GET()
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        java.util.Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).isEqualTo("event: hello");
        access.revokeToken(token.info().id());
        // The stream is checked at its next heartbeat and closed; a stream that stayed open would hang here
        // until the test's timeout.
        CompletableFuture<Long> rest = CompletableFuture.supplyAsync(() -> {
            long count = 0;
            while (lines.hasNext()) {
                lines.next();
                count++;
            }
            return count;
        });
        assertThat(rest.get(60, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0L);
    }

    @Test
    void theCsvExportDefusesAFieldThatBeginsWithATabOrACarriageReturnToo() throws Exception {
        String operator = access.createToken("hardening-operator", Role.OPERATOR, null, "test").secret();
        String admin = access.createToken("hardening-auditor", Role.ADMIN, null, "test").secret();
        // The run id in the path is the audit entry's target, as the caller typed it.
        HttpResponse<String> cancel = send(post("/api/runs/%09%3D1%2B1/cancel", "")
                .header("Authorization", "Bearer " + operator));
        assertThat(cancel.statusCode()).isEqualTo(404);
        String csv = send(HttpRequest.newBuilder(URI.create(server.url() + "api/audit?format=csv&actor=hardening-operator"))
                .header("Authorization", "Bearer " + admin)).body();
        assertThat(csv).contains("\"'\t=1+1\"").doesNotContain(",\"\t=1+1\"");
    }

    // ---- helpers ----

    private static String form(String... pairs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            text.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private HttpRequest.Builder head(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
