package dev.baton.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.baton.StepContext;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attempt of an {@link HttpStep}: resolves its secrets, sends the request, and maps the
 * response to a result or to the exception the step's retry policy understands.
 *
 * @param <T> the step's result type
 */
final class HttpExecution<T> {
    /** Characters of a response body quoted in an error. */
    static final int BODY_START_CHARS = 500;

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");
    /** One client per configuration: clients are thread-safe and keep connections for reuse. */
    private static final Map<ClientKey, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private record ClientKey(Duration connectTimeout, boolean followRedirects) {
    }

    private final HttpStep<?> step;
    private final StepContext context;
    private final Clock clock;
    private final SecretScope secrets;
    private final String url;

    HttpExecution(HttpStep<?> step, StepContext context, Clock clock) {
        this.step = step;
        this.context = context;
        this.clock = clock;
        this.secrets = new SecretScope(context::secret);
        this.url = displayUri(step.uri(), step.queryParams());
    }

    T run() throws Exception {
        HttpRequest request = request();
        context.log(ShellExecution.LOG, "→ " + step.method() + " " + url);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> pending = client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            InterruptedException interrupted = new InterruptedException(step.method() + " " + url
                    + " was interrupted (the run was cancelled or the step timed out); the request was cancelled");
            interrupted.addSuppressed(e);
            throw interrupted;
        } catch (ExecutionException e) {
            throw connectionFailure(e.getCause() == null ? e : e.getCause());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return response(response, elapsed);
    }

    private HttpRequest request() throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolvedUri()).timeout(step.timeoutValue());
        boolean contentType = false;
        boolean accept = false;
        Set<String> named = new java.util.HashSet<>();
        for (HttpStep.Param header : step.headerParams()) {
            builder.header(header.name(), header.value().resolve(secrets));
            named.add(header.name().toLowerCase(Locale.ROOT));
            contentType |= header.name().equalsIgnoreCase("Content-Type");
            accept |= header.name().equalsIgnoreCase("Accept");
        }
        if (step.idempotencyHeaderName() != null) {
            builder.setHeader(step.idempotencyHeaderName(), context.idempotencyKey());
        }
        TraceHeaders.inject(builder, named);
        if (step.expectedType() != null && !accept) {
            builder.header("Accept", "application/json");
        }
        HttpBody body = step.requestBody();
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            publisher = switch (body) {
                case HttpBody.Text text -> HttpRequest.BodyPublishers.ofString(text.text().resolve(secrets), StandardCharsets.UTF_8);
                case HttpBody.Bytes bytes -> HttpRequest.BodyPublishers.ofByteArray(bytes.bytes());
                case HttpBody.Json json -> HttpRequest.BodyPublishers.ofString(Json.write(json.tree(), secrets), StandardCharsets.UTF_8);
            };
            if (!contentType) {
                builder.header("Content-Type", body.contentType());
            }
        }
        return builder.method(step.method(), publisher).build();
    }

    private URI resolvedUri() {
        URI uri = step.uri();
        if (step.queryParams().isEmpty()) {
            return uri;
        }
        StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        for (HttpStep.Param param : step.queryParams()) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(URLEncoder.encode(param.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(param.value().resolve(secrets), StandardCharsets.UTF_8));
        }
        String text = uri.toString();
        int cut = text.indexOf('#');
        String base = cut < 0 ? text : text.substring(0, cut);
        int q = base.indexOf('?');
        base = q < 0 ? base : base.substring(0, q);
        return URI.create(base + "?" + query + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    private HttpClient client() {
        ClientKey key = new ClientKey(step.connectTimeoutValue(), step.redirects());
        return CLIENTS.computeIfAbsent(key, k -> HttpClient.newBuilder()
                .connectTimeout(k.connectTimeout())
                .followRedirects(k.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .build());
    }

    @SuppressWarnings("unchecked")
    private T response(HttpResponse<byte[]> response, Duration elapsed) {
        int status = response.statusCode();
        String body = secrets.mask(new String(response.body(), charset(response)));
        Duration retryAfter = RetryAfterHeader.parse(response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Date").orElse(null), clock.instant());
        context.log(ShellExecution.LOG, "← " + status + reason(status) + " in " + ShellExecution.human(elapsed)
                + (retryAfter != null && (status < 200 || status >= 300) ? " (Retry-After " + ShellExecution.human(retryAfter) + ")" : ""));
        if (status >= 200 && status < 300) {
            Type expected = step.expectedType();
            if (expected == null) {
                return (T) new HttpResult(status, headers(response), body);
            }
            return map(status, body, expected);
        }
        boolean retryable = step.retryable().contains(status);
        String message = step.method() + " " + url + " answered " + status + reason(status) + " ("
                + (retryable ? "retryable" + (retryAfter != null ? "; Retry-After " + ShellExecution.human(retryAfter) : "")
                        : "not retryable: the retryable statuses are " + ranges(step.retryable()))
                + "); " + bodyStart(body);
        String start = abbreviate(body);
        if (retryable) {
            throw new HttpStatusException(step.method(), url, status, start, retryAfter, message);
        }
        throw new FatalHttpStatusException(step.method(), url, status, start, retryAfter, message);
    }

    @SuppressWarnings("unchecked")
    private T map(int status, String body, Type expected) {
        if (expected == Void.class) {
            return null;
        }
        String typeName = expected.getTypeName();
        if (body.isBlank()) {
            throw new HttpResponseMappingException(step.method(), url, typeName, step.method() + " " + url + " answered "
                    + status + " with an empty body, which does not map to " + typeName
                    + "; expect(Void.class) accepts an empty body, or the server must send JSON");
        }
        JavaType type = Json.MAPPER.getTypeFactory().constructType(expected);
        try {
            return (T) Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new HttpResponseMappingException(step.method(), url, typeName, step.method() + " " + url + " answered "
                    + status + " but its body does not map to " + typeName + ": " + secrets.mask(e.getOriginalMessage())
                    + location + "; " + bodyStart(body));
        }
    }

    private HttpConnectionException connectionFailure(Throwable cause) {
        String what;
        if (cause instanceof HttpConnectTimeoutException) {
            what = "could not connect within " + ShellExecution.human(step.connectTimeoutValue()) + " (connectTimeout)";
        } else if (cause instanceof HttpTimeoutException) {
            what = "no response within " + ShellExecution.human(step.timeoutValue()) + " (timeout)";
        } else if (find(cause, UnresolvedAddressException.class) || find(cause, UnknownHostException.class)) {
            what = "unknown host '" + step.uri().getHost() + "'";
        } else if (find(cause, ConnectException.class)) {
            what = "could not connect (" + summary(cause) + ")";
        } else {
            what = "the exchange failed (" + summary(cause) + ")";
        }
        return new HttpConnectionException(step.method(), url, step.method() + " " + url + " got no response: " + what
                + "; retryable under the step's retry policy", secrets.sanitize(cause));
    }

    /** @return the first message in the cause chain, with the type that carried it, masked */
    private String summary(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return secrets.mask(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static boolean find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.put(name.toLowerCase(Locale.ROOT), values.stream().map(secrets::mask).toList());
            }
        });
        return headers;
    }

    private static Charset charset(HttpResponse<?> response) {
        Matcher matcher = CHARSET.matcher(response.headers().firstValue("Content-Type").orElse(""));
        if (matcher.find()) {
            try {
                return Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String bodyStart(String body) {
        return body.isEmpty() ? "the body was empty" : "body starts: " + abbreviate(body);
    }

    private static String abbreviate(String body) {
        return CommandLines.abbreviate(body, BODY_START_CHARS);
    }

    /** @return the status's reason phrase for common statuses, with a leading space; else empty */
    static String reason(int status) {
        String reason = switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return reason.isEmpty() ? "" : " " + reason;
    }

    /** @return the statuses as compact ranges, e.g. "429, 500-599" */
    static String ranges(Set<Integer> statuses) {
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int status : new java.util.TreeSet<>(statuses)) {
            if (previous != null && status == previous + 1) {
                previous = status;
                continue;
            }
            if (start != null) {
                parts.add(start.equals(previous) ? String.valueOf(start) : start + "-" + previous);
            }
            start = status;
            previous = status;
        }
        if (start != null) {
            parts.add(start.equals(previous) ? String.valueOf(start) : start + "-" + previous);
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** @return the URI as shown: user info masked */
    static String displayUri(URI uri) {
        return displayUri(uri, List.of());
    }

    /** @return the URI with the step's query parameters as shown: secrets by name, user info masked */
    static String displayUri(URI uri, List<HttpStep.Param> query) {
        String text = uri.toString();
        if (uri.getRawUserInfo() != null) {
            text = text.replace(uri.getRawUserInfo() + "@", SecretScope.MASK + "@");
        }
        if (query.isEmpty()) {
            return text;
        }
        int hash = text.indexOf('#');
        StringBuilder out = new StringBuilder(hash < 0 ? text : text.substring(0, hash));
        char separator = uri.getRawQuery() == null ? '?' : '&';
        for (HttpStep.Param param : query) {
            out.append(separator).append(param.name()).append('=').append(param.value().display());
            separator = '&';
        }
        return out.append(hash < 0 ? "" : text.substring(hash)).toString();
    }
}
