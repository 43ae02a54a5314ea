package dev.baton.steps;

import dev.baton.NonRetryable;
import dev.baton.RetryAfter;
import dev.baton.TypeRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.baton.steps.LoopbackServer.json;
import static dev.baton.steps.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The HTTP step alone, against a real HTTP server on the loopback interface. */
@Timeout(60)
class HttpStepTest {

    record Report(String day, int rows) {
    }

    record Receipt(String id, boolean stored) {
    }

    private LoopbackServer server;
    private final FakeStepContext context = new FakeStepContext();

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aGetReturnsStatusHeadersAndBodyAndLogsTheExchange() throws Exception {
        server.then(status(200, "text/plain; charset=utf-8", "hello ✓", "X-Request-Id", "r-1"));

        HttpResult result = context.run(Http.get(server.uri("/hello")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("hello ✓");
        assertThat(result.header("x-request-id")).contains("r-1");
        assertThat(result.header("X-REQUEST-ID")).contains("r-1");
        assertThat(context.lines(ShellExecution.LOG)).hasSize(2)
                .first().isEqualTo("→ GET " + server.uri("/hello"));
        assertThat(context.lines(ShellExecution.LOG).get(1)).startsWith("← 200 OK in ");
    }

    @Test
    void postsJsonAndMapsTheJsonResponseSendingTheIdempotencyKey() throws Exception {
        server.then(json(201, "{\"id\":\"rep-7\",\"stored\":true,\"extra\":\"ignored\"}"));

        Receipt receipt = context.run(Http.post(server.uri("/reports"))
                .jsonBody(new Report("2026-01-15", 42)).expect(Receipt.class));

        assertThat(receipt).isEqualTo(new Receipt("rep-7", true));
        LoopbackServer.Received request = server.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("{\"day\":\"2026-01-15\",\"rows\":42}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("run-1:3");
    }

    @Test
    void mapsToGenericTypesAndWritesJavaTimeAsText() throws Exception {
        server.then(json(200, "[{\"day\":\"2026-01-15\",\"rows\":1},{\"day\":\"2026-01-16\",\"rows\":2}]"));

        List<Report> reports = context.run(Http.put(server.uri("/reports")).jsonBody(Map.of("day", LocalDate.of(2026, 1, 15)))
                .expect(new TypeRef<List<Report>>() { }));

        assertThat(reports).containsExactly(new Report("2026-01-15", 1), new Report("2026-01-16", 2));
        assertThat(server.received().getFirst().body()).isEqualTo("{\"day\":\"2026-01-15\"}");
    }

    @Test
    void sendsTextAndBinaryBodiesHeadersAndQueryParameters() throws Exception {
        context.run(Http.post(server.uri("/in?a=1")).query("b", "x y&z").header("X-One", "1").body("plain text"));
        context.run(Http.request("PATCH", server.uri("/bin")).body(new byte[] {1, 2, 3}, "application/octet-stream")
                .header("Content-Type", "application/x-custom"));

        LoopbackServer.Received text = server.received().get(0);
        assertThat(text.uri().getRawQuery()).isEqualTo("a=1&b=x+y%26z");
        assertThat(text.header("X-One")).isEqualTo("1");
        assertThat(text.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(text.body()).isEqualTo("plain text");
        LoopbackServer.Received binary = server.received().get(1);
        assertThat(binary.method()).isEqualTo("PATCH");
        assertThat(binary.header("Content-Type")).isEqualTo("application/x-custom");
        assertThat(binary.body().getBytes(StandardCharsets.UTF_8)).containsExactly(1, 2, 3);
    }

    @Test
    void aServiceUnavailableWithRetryAfterSecondsIsRetryableAndAsksForThatWait() {
        server.then(status(503, "text/plain", "down for maintenance", "Retry-After", "2"));

        Throwable failure = catchThrowable(() -> context.run(Http.post(server.uri("/reports")).body("x")));

        assertThat(failure).isExactlyInstanceOf(HttpStatusException.class).isNotInstanceOf(NonRetryable.class)
                .isInstanceOf(RetryAfter.class)
                .hasMessage("POST " + server.uri("/reports") + " answered 503 Service Unavailable (retryable; "
                        + "Retry-After 2.0s); body starts: down for maintenance");
        HttpStatusException e = (HttpStatusException) failure;
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(e.hasRetryAfter()).isTrue();
        assertThat(e.url()).isEqualTo(server.uri("/reports").toString());
        assertThat(context.lines(ShellExecution.LOG).get(1)).contains("503 Service Unavailable").contains("(Retry-After 2.0s)");
    }

    @Test
    void aRetryAfterHttpDateIsHonoured() {
        String inAnHour = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(1));
        server.then(status(429, "text/plain", "slow down", "Retry-After", inAnHour));

        HttpStatusException e = (HttpStatusException) catchThrowable(() -> context.run(Http.get(server.uri("/rate"))));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e).isNotInstanceOf(NonRetryable.class).hasMessageContaining("429 Too Many Requests (retryable; Retry-After ");
        // Measured from the response's Date header (set by the server to its clock), so about an hour.
        assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(55), Duration.ofMinutes(61));
    }

    @Test
    void aServerErrorWithoutRetryAfterLeavesTheWaitToThePolicy() {
        server.then(status(500, "text/plain", ""));

        HttpStatusException e = (HttpStatusException) catchThrowable(() -> context.run(Http.delete(server.uri("/x"))));

        assertThat(e).isNotInstanceOf(NonRetryable.class)
                .hasMessageEndingWith("answered 500 Internal Server Error (retryable); the body was empty");
        assertThat(e.retryAfter()).isZero();
        assertThat(e.hasRetryAfter()).isFalse();
    }

    @Test
    void otherClientErrorsFailAtOnceShowingTheStartOfTheBody() {
        String longBody = "{\"error\":\"no such report\",\"detail\":\"" + "x".repeat(2000) + "\"}";
        server.then(json(404, longBody));

        Throwable failure = catchThrowable(() -> context.run(Http.get(server.uri("/reports/9"))));

        assertThat(failure).isInstanceOf(FatalHttpStatusException.class).isInstanceOf(NonRetryable.class)
                .hasMessageStartingWith("GET " + server.uri("/reports/9") + " answered 404 Not Found (not retryable: the "
                        + "retryable statuses are 429, 500-599); body starts: {\"error\":\"no such report\"");
        assertThat(((HttpStatusException) failure).bodyStart()).hasSize(HttpExecution.BODY_START_CHARS).endsWith("…");
    }

    @Test
    void retryableStatusesCanBeChosen() {
        HttpStep<HttpResult> step = Http.get(server.uri("/x")).retryableStatuses(408);
        server.then(status(503, "text/plain", "a"), status(408, "text/plain", "b"));

        assertThat(catchThrowable(() -> context.run(step))).isInstanceOf(FatalHttpStatusException.class)
                .hasMessageContaining("the retryable statuses are 408");
        assertThat(catchThrowable(() -> context.run(step))).isExactlyInstanceOf(HttpStatusException.class);
    }

    @Test
    void redirectsAreNotFollowedUnlessAskedTo() throws Exception {
        server.then(status(302, "text/plain", "", "Location", server.uri("/there").toString()),
                status(302, "text/plain", "", "Location", server.uri("/there").toString()),
                status(200, "text/plain", "arrived"));

        assertThat(catchThrowable(() -> context.run(Http.get(server.uri("/here")))))
                .isInstanceOf(FatalHttpStatusException.class).hasMessageContaining("answered 302 Found");
        assertThat(context.run(Http.get(server.uri("/here")).followRedirects(true)).body()).isEqualTo("arrived");
    }

    @Test
    void anUnreachablePortIsARetryableConnectionErrorNamingTheUrl() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/reports");
        }

        Throwable failure = catchThrowable(() -> context.run(Http.post(closed).body("x")));

        assertThat(failure).isExactlyInstanceOf(HttpConnectionException.class).isNotInstanceOf(NonRetryable.class)
                .hasMessageStartingWith("POST " + closed + " got no response: could not connect (")
                .hasMessageEndingWith("; retryable under the step's retry policy");
    }

    @Test
    void aResponseThatDoesNotMapFailsAtOnceNamingUrlAndType() {
        server.then(json(200, "{\"id\": 12, \"stored\": \"perhaps\"}"));

        Throwable failure = catchThrowable(() -> context.run(Http.get(server.uri("/receipt")).expect(Receipt.class)));

        assertThat(failure).isInstanceOf(HttpResponseMappingException.class).isInstanceOf(NonRetryable.class)
                .hasMessageStartingWith("GET " + server.uri("/receipt") + " answered 200 but its body does not map to "
                        + Receipt.class.getName() + ": ")
                .hasMessageEndingWith("; body starts: {\"id\": 12, \"stored\": \"perhaps\"}");
        assertThat(((HttpResponseMappingException) failure).expectedType()).isEqualTo(Receipt.class.getName());
    }

    @Test
    void anHtmlPageWhereJsonWasExpectedFailsAtOnce() {
        server.then(status(200, "text/html", "<html>login</html>"));

        assertThatThrownBy(() -> context.run(Http.get(server.uri("/api")).expect(Receipt.class)))
                .isInstanceOf(HttpResponseMappingException.class).hasMessageContaining("<html>login</html>");
    }

    @Test
    void anEmptyBodyMapsOnlyToVoid() throws Exception {
        server.then(status(204, "text/plain", ""));

        assertThat(context.run(Http.delete(server.uri("/x")).expect(Void.class))).isNull();
        assertThatThrownBy(() -> context.run(Http.delete(server.uri("/x")).expect(Receipt.class)))
                .isInstanceOf(HttpResponseMappingException.class)
                .hasMessageContaining("answered 204 with an empty body, which does not map to " + Receipt.class.getName());
    }

    @Test
    void noResponseWithinTheTimeoutIsARetryableConnectionError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.then(LoopbackServer.blockUntil(release));
        try {
            Throwable failure = catchThrowable(() -> context.run(Http.get(server.uri("/slow")).timeout(Duration.ofMillis(300))));

            assertThat(failure).isExactlyInstanceOf(HttpConnectionException.class)
                    .hasMessageContaining("got no response: no response within 300ms (timeout)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptCancelsTheRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.then(LoopbackServer.blockUntil(release));
        try {
            var running = context.start(Http.get(server.uri("/slow")));
            Await.until(Duration.ofSeconds(20), "the request at the server", () -> !server.received().isEmpty());

            running.thread().interrupt();

            assertThat(catchThrowable(() -> running.result().get(20, TimeUnit.SECONDS)))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("GET " + server.uri("/slow") + " was interrupted");
        } finally {
            release.countDown();
        }
    }

    @Test
    void secretsGoToTheServerButNeverIntoResultsErrorsOrLogs() throws Exception {
        FakeStepContext secrets = FakeStepContext.withSecrets(Map.of("API_TOKEN", "tkn-9f8e7d", "API_KEY", "key-1a2b3c"));
        server.then(status(200, "text/plain", "you sent tkn-9f8e7d"),
                status(401, "text/plain", "token tkn-9f8e7d and key key-1a2b3c are not valid"));
        HttpStep<HttpResult> step = Http.post(server.uri("/reports"))
                .header("Authorization", Secret.named("API_TOKEN"), "Bearer %s")
                .query("key", Secret.named("API_KEY"))
                .jsonBody(Map.of("token", Secret.named("API_TOKEN"), "day", "2026-01-15"));

        HttpResult ok = secrets.run(step);
        Throwable failure = catchThrowable(() -> secrets.run(step));

        LoopbackServer.Received request = server.received().getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer tkn-9f8e7d");
        assertThat(request.uri().getRawQuery()).isEqualTo("key=key-1a2b3c");
        assertThat(request.body()).contains("\"token\":\"tkn-9f8e7d\"");
        assertThat(ok.body()).isEqualTo("you sent ***");
        assertThat(failure).isInstanceOf(FatalHttpStatusException.class)
                .hasMessage("POST " + server.uri("/reports") + "?key=<secret:API_KEY> answered 401 Unauthorized (not "
                        + "retryable: the retryable statuses are 429, 500-599); body starts: token *** and key *** are not valid");
        assertThat(step.toString()).isEqualTo("HttpStep[POST " + server.uri("/reports") + "?key=<secret:API_KEY>]");
        assertThat(secrets.logs()).extracting(FakeStepContext.LogLine::line)
                .noneMatch(line -> line.contains("tkn-9f8e7d") || line.contains("key-1a2b3c"));
    }

    @Test
    void invalidSettingsFailAtOnceNamingTheField() {
        assertThatThrownBy(() -> Http.get(URI.create("ftp://127.0.0.1/x")))
                .hasMessage("uri must be an absolute http or https URI with a host, was 'ftp://127.0.0.1/x'");
        assertThatThrownBy(() -> Http.get(URI.create("/relative")))
                .hasMessageStartingWith("uri must be an absolute http or https URI");
        assertThatThrownBy(() -> Http.get(URI.create("http://user:pw@127.0.0.1:1/x")).followRedirects(false).expect(Void.class)
                .timeout(Duration.ZERO)).hasMessage("timeout must be > 0, was PT0S");
        assertThatThrownBy(() -> Http.request("GET POST", server.uri("/")))
                .hasMessage("method must be an HTTP token such as GET, was 'GET POST'");
        assertThatThrownBy(() -> Http.get(server.uri("/")).header("Host", "example.com"))
                .hasMessageStartingWith("header 'Host' cannot be set on a request: ");
        assertThatThrownBy(() -> Http.get(server.uri("/")).retryableStatuses(503, 200))
                .hasMessage("retryableStatuses must be non-2xx statuses from 100 to 599, was [503, 200]");
        assertThatThrownBy(() -> Http.get(server.uri("/")).connectTimeout(Duration.ofSeconds(-1)))
                .hasMessage("connectTimeout must be > 0, was PT-1S");
        assertThatThrownBy(() -> Http.post(server.uri("/")).body("x", " "))
                .hasMessage("contentType must not be blank, was ' '");
        assertThatThrownBy(() -> Http.post(server.uri("/")).jsonBody(new Object()))
                .hasMessageStartingWith("jsonBody cannot be written as JSON: ");
        assertThatThrownBy(() -> Http.get(server.uri("/")).header("Authorization", Secret.named("T"), "Bearer"))
                .hasMessage("template must contain exactly one %s, was 'Bearer'");
    }

    @Test
    void userInfoInTheUriIsNeverShown() {
        HttpStep<HttpResult> step = Http.get(URI.create("http://user:pw-secret@127.0.0.1:1/x"));

        assertThat(step.display()).isEqualTo("GET http://***@127.0.0.1:1/x");
    }

    @Test
    void theStepIsImmutableAndTheJsonBodyASnapshot() throws Exception {
        java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("n", 1));
        HttpStep<HttpResult> base = Http.post(server.uri("/x"));
        HttpStep<HttpResult> withBody = base.jsonBody(body);
        body.put("n", 2);
        HttpStep<HttpResult> withHeader = withBody.header("X-A", "a");

        context.run(base);
        context.run(withHeader);

        assertThat(server.received().get(0).body()).isEmpty();
        assertThat(server.received().get(0).header("X-A")).isNull();
        assertThat(server.received().get(1).body()).isEqualTo("{\"n\":1}");
        assertThat(server.received().get(1).header("X-A")).isEqualTo("a");
    }
}
