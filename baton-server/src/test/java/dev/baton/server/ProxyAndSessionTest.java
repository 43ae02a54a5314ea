package dev.baton.server;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.Role;
import dev.baton.server.access.ClientAddress;
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
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's address behind a proxy (X-Forwarded-For, believed only when told to) for the audit
 * trail and the login throttle; sliding session renewal with an absolute maximum; a new session
 * id on every login. Over real HTTP on loopback against a real engine on a real SQLite file; a
 * session's times are moved in the store file rather than waited for.
 */
class ProxyAndSessionTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private Baton baton;
    private AccessRegistry access;
    private final List<BatonServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() {
        baton = TestWorkflows.register(Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))).build();
        access = baton.access();
        access.createUser("ada", Role.ADMIN, PASSWORD.toCharArray());
    }

    @AfterEach
    void close() {
        servers.forEach(BatonServer::close);
        baton.close();
    }

    private BatonServer serve(ServerSecurity security) {
        BatonServer server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null, security);
        servers.add(server);
        return server;
    }

    // ---- the client's address ----

    @Test
    void theRightmostUntrustedHopIsTheClient() {
        ClientAddress one = new ClientAddress(true, List.of());
        assertThat(one.of("10.0.0.2", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // Whatever the client wrote itself sits to the left of what the proxy appended.
        assertThat(one.of("10.0.0.2", List.of("1.1.1.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(one.of("10.0.0.2", List.of("1.1.1.1", "203.0.113.9:51234"))).isEqualTo("203.0.113.9");
        assertThat(one.of("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
        assertThat(one.of("10.0.0.2", List.of("unknown"))).as("not an address: the peer").isEqualTo("10.0.0.2");
        assertThat(one.of("10.0.0.2", List.of("example.com"))).as("never looked up").isEqualTo("10.0.0.2");
        assertThat(one.of("10.0.0.2", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");

        ClientAddress chain = new ClientAddress(true, List.of("10.0.0.0/8", "192.0.2.1"));
        assertThat(chain.of("10.0.0.2", List.of("6.6.6.6, 203.0.113.9, 192.0.2.1, 10.1.2.3"))).isEqualTo("203.0.113.9");
        assertThat(chain.of("10.0.0.2", List.of("10.9.9.9, 10.1.2.3"))).as("all trusted: the leftmost")
                .isEqualTo("10.9.9.9");
        assertThat(chain.of("10.0.0.2", List.of("garbage, 10.1.2.3"))).as("the last hop a trusted proxy vouched for")
                .isEqualTo("10.1.2.3");

        ClientAddress none = new ClientAddress(false, List.of());
        assertThat(none.of("10.0.0.2", List.of("203.0.113.9"))).isEqualTo("10.0.0.2");
        assertThatThrownBy(() -> new ClientAddress(true, List.of("10.0.0.0/33"))).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> ServerSecurity.defaults().trustingProxies(List.of("proxy.local")))
                .hasMessageContaining("'proxy.local' is not an IP address or a CIDR range");
    }

    @Test
    void withoutTrustXForwardedForIsIgnoredForTheAuditAndTheThrottle() throws Exception {
        BatonServer server = serve(ServerSecurity.required());
        assertThat(login(server, "ada", "wrong password!", null, "203.0.113.9").statusCode()).isEqualTo(401);
        assertThat(login(server, "ada", PASSWORD, null, "203.0.113.9").statusCode()).isEqualTo(303);
        assertThat(logins()).extracting(AuditEntry::address).containsOnly("127.0.0.1");
        assertThat(failureKeys()).isEmpty(); // cleared by the successful login
        login(server, "nobody", "wrong password!", null, "203.0.113.9");
        assertThat(failureKeys()).containsExactlyInAnyOrder("address:127.0.0.1", "user:nobody");
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsAuditedAndThrottled() throws Exception {
        BatonServer server = serve(ServerSecurity.required().trustingProxy());
        login(server, "nobody", "wrong password!", null, "6.6.6.6, 203.0.113.9");
        assertThat(failureKeys()).containsExactlyInAnyOrder("address:203.0.113.9", "user:nobody");
        assertThat(login(server, "ada", PASSWORD, null, "198.51.100.4").statusCode()).isEqualTo(303);
        assertThat(logins()).extracting(AuditEntry::address).containsExactlyInAnyOrder("203.0.113.9", "198.51.100.4");
        // A token call's audit entry too.
        String token = access.createToken("ops", Role.OPERATOR, null, "test").secret();
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs"))
                .header("Authorization", "Bearer " + token).header("X-Forwarded-For", "203.0.113.50")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\":\"Approval\",\"input\":\"1.0\"}")));
        assertThat(start.statusCode()).as(start.body()).isIn(201, 202);
        assertThat(access.audit(new AuditQuery(null, "start", null, null, 5, 0))).extracting(AuditEntry::address)
                .containsExactly("203.0.113.50");
    }

    // ---- sessions ----

    @Test
    void everyLoginGetsANewSessionIdAndEndsTheOneTheBrowserHad() throws Exception {
        BatonServer server = serve(ServerSecurity.required());
        String first = cookie(login(server, "ada", PASSWORD, null, null));
        assertThat(page(server, first).statusCode()).isEqualTo(200);
        String second = cookie(login(server, "ada", PASSWORD, first, null));
        assertThat(second).isNotEqualTo(first);
        assertThat(page(server, second).statusCode()).isEqualTo(200);
        assertThat(page(server, first).statusCode()).as("the session before the login ended").isEqualTo(303);
        // A cookie that names no session (planted) is never adopted: the login makes a new one.
        String planted = "baton_session=planted-by-someone-else";
        String third = cookie(login(server, "ada", PASSWORD, planted, null));
        assertThat(third).isNotEqualTo(planted);
        assertThat(page(server, planted).statusCode()).isEqualTo(303);
    }

    @Test
    void aSessionInUseIsRenewedUpToItsMaximumAndAnUnusedOneEnds() throws Exception {
        BatonServer server = serve(ServerSecurity.required().withSessions(Duration.ofMinutes(30), Duration.ofHours(8)));
        HttpResponse<String> login = login(server, "ada", PASSWORD, null, null);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=" + 8 * 3600);
        String cookie = cookie(login);
        long now = System.currentTimeMillis();
        long[] times = times(cookie);
        assertThat(times[1] - times[0]).as("a fresh session lives the idle timeout").isEqualTo(30 * 60_000L);

        // Last used 25 minutes ago: a request moves its end 30 minutes ahead of now.
        setTimes(cookie, now - 25 * 60_000L, now + 5 * 60_000L);
        assertThat(page(server, cookie).statusCode()).isEqualTo(200);
        assertThat(times(cookie)[1]).isBetween(now + 30 * 60_000L, System.currentTimeMillis() + 30 * 60_000L);

        // Made 7 h 50 min ago: renewed only up to 8 h after the login.
        long created = now - (7 * 60 + 50) * 60_000L;
        setTimes(cookie, created, now + 5 * 60_000L);
        assertThat(page(server, cookie).statusCode()).isEqualTo(200);
        assertThat(times(cookie)[1]).isEqualTo(created + 8 * 3_600_000L);

        // Past its maximum, however recently used: back to the login.
        setTimes(cookie, now - 8 * 3_600_000L - 1, now + 60 * 60_000L);
        assertThat(page(server, cookie).statusCode()).isEqualTo(303);

        // Unused past the idle timeout: back to the login.
        String other = cookie(login(server, "ada", PASSWORD, null, null));
        setTimes(other, now - 40 * 60_000L, now - 10 * 60_000L);
        assertThat(page(server, other).statusCode()).isEqualTo(303);
    }

    @Test
    void anIdleTimeoutLongerThanTheMaximumIsRefused() {
        assertThatThrownBy(() -> ServerSecurity.defaults().withSessions(Duration.ofHours(13), Duration.ofHours(12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than its maximum");
    }

    // ---- helpers ----

    private List<AuditEntry> logins() {
        return access.audit(new AuditQuery(null, "login", null, null, 100, 0));
    }

    private HttpResponse<String> login(BatonServer server, String user, String password, String cookie,
                                       String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2F"));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request);
    }

    private static String cookie(HttpResponse<String> login) {
        String header = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError(
                "no session cookie: " + login.statusCode() + " " + login.body()));
        return header.substring(0, header.indexOf(';'));
    }

    private HttpResponse<String> page(BatonServer server, String cookie) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.url() + "ui/runs")).header("Cookie", cookie).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("baton.db"));
    }

    private List<String> failureKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery("SELECT key FROM access_login_failures")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static String hash(String cookie) throws Exception {
        String secret = cookie.substring(cookie.indexOf('=') + 1);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return created_at and expires_at of the cookie's session */
    private long[] times(String cookie) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT created_at, expires_at FROM access_sessions WHERE id_hash = ?")) {
            ps.setString(1, hash(cookie));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the session is in the store").isTrue();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private void setTimes(String cookie, long createdAt, long expiresAt) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "UPDATE access_sessions SET created_at = ?, expires_at = ? WHERE id_hash = ?")) {
            ps.setLong(1, createdAt);
            ps.setLong(2, expiresAt);
            ps.setString(3, hash(cookie));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
