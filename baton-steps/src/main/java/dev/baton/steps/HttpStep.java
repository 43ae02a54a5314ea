package dev.baton.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.NonRetryable;
import dev.baton.RetryAfter;
import dev.baton.Step;
import dev.baton.StepContext;
import dev.baton.TypeRef;

import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * An HTTP step: pass it to {@code flow.step(name, options, step)}. Create it with
 * {@link Http#get}, {@link Http#post} and the like. Immutable: every setting returns a validated
 * copy, and an invalid setting fails at once with a message naming the field and the value.
 *
 * <h2>What one attempt does</h2>
 * <ol>
 *   <li>Resolves the {@link Secret}s in headers, query parameters and body through
 *       {@link StepContext#secret(String)}; their values are masked in everything the step
 *       returns or throws.</li>
 *   <li>Sends the request with an {@code Idempotency-Key} header carrying
 *       {@link StepContext#idempotencyKey()}: the same on every attempt, including one executed
 *       again after a crash, so the server can recognise a repeated request.</li>
 *   <li>A 2xx response returns an {@link HttpResult}, or, after {@link #expect}, its JSON body
 *       mapped to your type; a body that does not map throws
 *       {@link HttpResponseMappingException} ({@link NonRetryable}).</li>
 *   <li>Any other status throws {@link HttpStatusException} naming the method, the URL, the
 *       status and the start of the body. It is retried under the step's {@code Retry} policy
 *       when the status is {@linkplain #retryableStatuses retryable} (default 429 and 5xx), and
 *       then waits at least as long as the response's {@code Retry-After} says (it implements
 *       {@link RetryAfter}); any other status throws {@link FatalHttpStatusException}
 *       ({@link NonRetryable}).</li>
 *   <li>A connection error or a timeout throws {@link HttpConnectionException}, retried under
 *       the step's policy.</li>
 * </ol>
 *
 * <h2>Defaults</h2>
 * Connect timeout 10 s, request timeout 1 min, retryable statuses 429 and 500–599, redirects not
 * followed, no body, {@code Idempotency-Key} sent.
 *
 * @param <T> what the step returns: {@link HttpResult}, or the type given to {@link #expect}
 */
public final class HttpStep<T> implements Step<T> {
    /** Default connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default request timeout, from sending to the end of the response: 1 min. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    /** Default retryable statuses: 429 and 500 to 599. */
    public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = statuses(
            IntStream.concat(IntStream.of(429), IntStream.rangeClosed(500, 599)).toArray());
    /** Default name of the header carrying the idempotency key. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    /**
     * A header or query parameter.
     *
     * @param name  its name
     * @param value its value
     */
    record Param(String name, Value value) {
    }

    private String method;
    private URI uri;
    private List<Param> query = List.of();
    private List<Param> headers = List.of();
    private HttpBody body;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Set<Integer> retryableStatuses = DEFAULT_RETRYABLE_STATUSES;
    private boolean followRedirects;
    private String idempotencyHeader = IDEMPOTENCY_KEY_HEADER;
    private Type expected;

    private HttpStep() {
    }

    static HttpStep<HttpResult> of(String method, URI uri) {
        if (method == null || !method.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("method must be an HTTP token such as GET, was "
                    + (method == null ? "null" : "'" + method + "'"));
        }
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must be an absolute http or https URI with a host, was '"
                    + HttpExecution.displayUri(uri) + "'");
        }
        HttpStep<HttpResult> step = new HttpStep<>();
        step.method = method.toUpperCase(Locale.ROOT);
        step.uri = uri;
        return step;
    }

    @SuppressWarnings("unchecked")
    private <R> HttpStep<R> copy() {
        HttpStep<R> copy = new HttpStep<>();
        copy.method = method;
        copy.uri = uri;
        copy.query = query;
        copy.headers = headers;
        copy.body = body;
        copy.connectTimeout = connectTimeout;
        copy.timeout = timeout;
        copy.retryableStatuses = retryableStatuses;
        copy.followRedirects = followRedirects;
        copy.idempotencyHeader = idempotencyHeader;
        copy.expected = expected;
        return copy;
    }

    /**
     * @param name  a header's name; {@code Host}, {@code Content-Length}, {@code Connection} and
     *              the like are set by the client and refused here
     * @param value its value
     * @return a copy with the header added (a name may repeat)
     */
    public HttpStep<T> header(String name, String value) {
        return withHeader(name, Value.of(value, "header " + name));
    }

    /**
     * @param name  a header's name
     * @param value a secret, resolved when the step executes
     * @return a copy with the header added
     */
    public HttpStep<T> header(String name, Secret value) {
        return withHeader(name, Value.of(value, "header " + name));
    }

    /**
     * A header whose value embeds a secret: {@code header("Authorization", Secret.named("API_TOKEN"), "Bearer %s")}.
     *
     * @param name     a header's name
     * @param value    a secret, resolved when the step executes
     * @param template a text with exactly one {@code %s}, replaced by the secret's value
     * @return a copy with the header added
     */
    public HttpStep<T> header(String name, Secret value, String template) {
        Objects.requireNonNull(value, "header " + name);
        return withHeader(name, Value.of(value.formatted(template), "header " + name));
    }

    private HttpStep<T> withHeader(String name, Value value) {
        requireHeaderName(name);
        List<Param> next = new ArrayList<>(headers);
        next.add(new Param(name, value));
        HttpStep<T> copy = copy();
        copy.headers = List.copyOf(next);
        return copy;
    }

    /**
     * @param name  a query parameter's name
     * @param value its value, URL-encoded when the step executes
     * @return a copy with the parameter appended to the URI's query
     */
    public HttpStep<T> query(String name, String value) {
        return withQuery(name, Value.of(value, "query " + name));
    }

    /**
     * @param name  a query parameter's name
     * @param value a secret (an API key), resolved and URL-encoded when the step executes
     * @return a copy with the parameter appended to the URI's query
     */
    public HttpStep<T> query(String name, Secret value) {
        return withQuery(name, Value.of(value, "query " + name));
    }

    private HttpStep<T> withQuery(String name, Value value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("query name must not be empty, was " + (name == null ? "null" : "''"));
        }
        List<Param> next = new ArrayList<>(query);
        next.add(new Param(name, value));
        HttpStep<T> copy = copy();
        copy.query = List.copyOf(next);
        return copy;
    }

    /**
     * @param text a text body, sent as UTF-8 with {@code Content-Type: text/plain; charset=utf-8}
     *             unless a {@code Content-Type} header is set
     * @return a copy
     */
    public HttpStep<T> body(String text) {
        return withBody(new HttpBody.Text(Value.of(text, "body"), "text/plain; charset=utf-8"));
    }

    /**
     * @param text        a text body, sent as UTF-8
     * @param contentType its {@code Content-Type}
     * @return a copy
     */
    public HttpStep<T> body(String text, String contentType) {
        return withBody(new HttpBody.Text(Value.of(text, "body"), requireContentType(contentType)));
    }

    /**
     * @param text        a body that is or embeds a secret ({@link Secret#formatted}), sent as UTF-8
     * @param contentType its {@code Content-Type}
     * @return a copy
     */
    public HttpStep<T> body(Secret text, String contentType) {
        return withBody(new HttpBody.Text(Value.of(text, "body"), requireContentType(contentType)));
    }

    /**
     * @param bytes       a binary body (copied)
     * @param contentType its {@code Content-Type}
     * @return a copy
     */
    public HttpStep<T> body(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "body");
        return withBody(new HttpBody.Bytes(bytes.clone(), requireContentType(contentType)));
    }

    /**
     * A JSON body, written now with Jackson (records, {@code java.time}, {@code Optional}), so that
     * later changes to the object do not change the step. {@link Secret}s anywhere in the object
     * are written as their values when the step executes. Sent with
     * {@code Content-Type: application/json} unless a {@code Content-Type} header is set.
     *
     * @param value the object
     * @return a copy
     * @throws IllegalArgumentException when the object cannot be written as JSON
     */
    public HttpStep<T> jsonBody(Object value) {
        JsonNode tree = Json.snapshot(value);
        return withBody(new HttpBody.Json(tree));
    }

    private HttpStep<T> withBody(HttpBody value) {
        HttpStep<T> copy = copy();
        copy.body = value;
        return copy;
    }

    /**
     * @param value the longest wait from sending the request to the end of the response, &gt; 0;
     *              default 1 min. Past it the attempt fails with {@link HttpConnectionException}
     *              (retryable). The step's own timeout ({@code StepOptions.withTimeout}) applies too.
     * @return a copy
     */
    public HttpStep<T> timeout(Duration value) {
        HttpStep<T> copy = copy();
        copy.timeout = requirePositive(value, "timeout");
        return copy;
    }

    /** @param value the longest wait for a connection, &gt; 0; default 10 s @return a copy */
    public HttpStep<T> connectTimeout(Duration value) {
        HttpStep<T> copy = copy();
        copy.connectTimeout = requirePositive(value, "connectTimeout");
        return copy;
    }

    /**
     * @param statuses the non-2xx statuses worth another attempt (replacing the default 429 and
     *                 500–599); every other non-2xx status fails the step at once
     * @return a copy
     * @throws IllegalArgumentException when a status is outside 100–599 or is a 2xx
     */
    public HttpStep<T> retryableStatuses(int... statuses) {
        Objects.requireNonNull(statuses, "retryableStatuses");
        for (int status : statuses) {
            if (status < 100 || status > 599 || (status >= 200 && status < 300)) {
                throw new IllegalArgumentException("retryableStatuses must be non-2xx statuses from 100 to 599, was "
                        + Arrays.toString(statuses));
            }
        }
        HttpStep<T> copy = copy();
        copy.retryableStatuses = statuses(statuses);
        return copy;
    }

    /**
     * @param value whether redirects are followed (default false: a 3xx is an error, so that
     *              headers such as {@code Authorization} are never sent where nobody looked)
     * @return a copy
     */
    public HttpStep<T> followRedirects(boolean value) {
        HttpStep<T> copy = copy();
        copy.followRedirects = value;
        return copy;
    }

    /**
     * @param name the header that carries the step's idempotency key (default
     *             {@value #IDEMPOTENCY_KEY_HEADER}), or null to send none
     * @return a copy
     */
    public HttpStep<T> idempotencyHeader(String name) {
        if (name != null) {
            requireHeaderName(name);
        }
        HttpStep<T> copy = copy();
        copy.idempotencyHeader = name;
        return copy;
    }

    /**
     * Maps a 2xx response's JSON body to a type. A body that does not map fails the step at once
     * with {@link HttpResponseMappingException}; an empty body maps to null only for {@link Void}.
     *
     * @param type the type
     * @param <R>  the type
     * @return a copy that returns the mapped body
     */
    public <R> HttpStep<R> expect(Class<R> type) {
        HttpStep<R> copy = copy();
        copy.expected = Objects.requireNonNull(type, "expect");
        return copy;
    }

    /**
     * Maps a 2xx response's JSON body to a generic type: {@code expect(new TypeRef<List<Order>>() {})}.
     *
     * @param type the type
     * @param <R>  the type
     * @return a copy that returns the mapped body
     */
    public <R> HttpStep<R> expect(TypeRef<R> type) {
        HttpStep<R> copy = copy();
        copy.expected = Objects.requireNonNull(type, "expect").type();
        return copy;
    }

    /**
     * Runs one attempt. Call it through {@code flow.step(...)}: it needs the step's context.
     *
     * @return the result or the mapped body
     * @throws HttpStatusException            a non-2xx status ({@link FatalHttpStatusException} when not retryable)
     * @throws HttpConnectionException        no connection, a broken exchange or a timeout
     * @throws HttpResponseMappingException   a 2xx body that does not map to the expected type
     * @throws InterruptedException           the step was cancelled or timed out
     */
    @Override
    public T call() throws Exception {
        return new HttpExecution<T>(this, StepContext.current(), Clock.systemUTC()).run();
    }

    /** @return the method and URL as shown in logs and errors: query secrets by name */
    public String display() {
        return method + " " + HttpExecution.displayUri(uri, query);
    }

    @Override
    public String toString() {
        return "HttpStep[" + display() + (expected == null ? "" : " -> " + expected.getTypeName()) + "]";
    }

    String method() {
        return method;
    }

    URI uri() {
        return uri;
    }

    List<Param> queryParams() {
        return query;
    }

    List<Param> headerParams() {
        return headers;
    }

    HttpBody requestBody() {
        return body;
    }

    Duration connectTimeoutValue() {
        return connectTimeout;
    }

    Duration timeoutValue() {
        return timeout;
    }

    Set<Integer> retryable() {
        return retryableStatuses;
    }

    boolean redirects() {
        return followRedirects;
    }

    String idempotencyHeaderName() {
        return idempotencyHeader;
    }

    Type expectedType() {
        return expected;
    }

    /** Refuses names that are not tokens, and those the client sets itself ({@code Host}, {@code Content-Length}, ...). */
    private static void requireHeaderName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("header name must not be blank, was " + (name == null ? "null" : "'" + name + "'"));
        }
        try {
            HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, "x");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header '" + name + "' cannot be set on a request: " + e.getMessage(), e);
        }
    }

    private static Set<Integer> statuses(int[] statuses) {
        TreeSet<Integer> set = new TreeSet<>();
        Arrays.stream(statuses).forEach(set::add);
        return Collections.unmodifiableSet(set);
    }

    private static String requireContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank, was "
                    + (contentType == null ? "null" : "'" + contentType + "'"));
        }
        return contentType;
    }

    private static Duration requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }
}
