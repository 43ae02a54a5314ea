package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.RunStatus;
import dev.baton.engine.history.HistoryLines;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.replay.HistoryFileException;
import dev.baton.replay.HistoryFormat;
import dev.baton.replay.RunHistory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads what a Baton server runs now, for {@code baton plan --target URL} and
 * {@code baton export --server URL}: the manifest of its last deploy ({@code GET /api/manifest})
 * and the histories of its runs ({@code GET /api/histories}). Only GETs: nothing is written to the
 * server. Every failure (nothing answers, something that is not a Baton server answers, an HTTP
 * error, a stream cut short) is a {@link CliException} with the command's error exit code and a
 * message naming the URL and what to do.
 */
final class ServerReader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final int errorCode;
    private final HttpClient http;

    /**
     * @param url       the server's address, http or https
     * @param token     sent as {@code Authorization: Bearer TOKEN}, or null
     * @param errorCode the exit code of every failure
     * @throws CliException when it is not an http(s) URL
     */
    ServerReader(String url, String token, int errorCode) {
        this.errorCode = errorCode;
        this.base = baseUrl(url, errorCode, "http://127.0.0.1:8080");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @param url       a server's address as given
     * @param errorCode the exit code when it is not one
     * @param example   an address to show in the error
     * @return the address without a trailing slash
     * @throws CliException when it is not an http(s) URL with a host
     */
    static String baseUrl(String url, int errorCode, String example) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException(errorCode, "'" + url + "' is not a URL such as " + example);
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).matches("https?") || uri.getHost() == null) {
            throw new CliException(errorCode, "'" + url + "' is not a URL such as " + example);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** @param target a plan target @return whether it names a server rather than a store */
    static boolean isServer(String target) {
        String lower = target.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** @return the server's address, without a trailing slash */
    String url() {
        return base;
    }

    /**
     * @return the server's last deploy with its manifest (as {@code baton deploy} recorded it), or
     *         empty when nothing was deployed to it
     */
    Optional<DeploymentRow> deployed() {
        String path = "/api/manifest";
        HttpResponse<InputStream> response = get(path, "application/json");
        String body = readAll(response, path);
        JsonNode answer = json(response, path, body);
        if (response.statusCode() == 404 && answer.path("deployed").isBoolean() && !answer.path("deployed").asBoolean()) {
            return Optional.empty();
        }
        if (response.statusCode() == 404) {
            throw fail(base + " has no " + path + " (it answered 404): it is not a Baton server, or it runs a Baton "
                    + "older than this one. Upgrade the server, or plan against its store file (--target sqlite:PATH)");
        }
        failOnError(response, path, answer);
        JsonNode manifest = answer.get("manifest");
        if (manifest == null || !manifest.isObject() || !answer.path("id").canConvertToLong()
                || !answer.path("deployedAt").isTextual()) {
            throw fail(base + " answered GET " + path + " without a deploy's id, time and manifest; is it a Baton "
                    + "server? Its answer began: " + Formats.abbreviate(body, 120));
        }
        long deployedAt;
        try {
            deployedAt = Instant.parse(answer.get("deployedAt").asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw fail(base + " answered GET " + path + " with a deployedAt that is not an instant: "
                    + answer.get("deployedAt").asText());
        }
        return Optional.of(new DeploymentRow(answer.get("id").asLong(), answer.path("manifestHash").asText(null),
                answer.path("format").asInt(manifest.path("format").asInt(0)), text(answer, "codeVersion"),
                answer.path("author").asText("unknown"), deployedAt, manifest.toString()));
    }

    /**
     * @param statuses the states of the runs wanted; empty for the runs in flight
     * @return the histories of the server's matching runs
     */
    List<RunHistory> histories(Set<RunStatus> statuses) {
        String path = historiesPath(null, statuses);
        HttpResponse<InputStream> response = get(path, HistoryLines.MEDIA_TYPE);
        String body = readAll(response, path);
        requireHistories(response, path, body);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            throw fail("the histories from " + base + path + " end in the middle of a line: the stream was cut short. "
                    + "Run the command again; if it keeps happening, look at the server's log");
        }
        try {
            return HistoryFormat.read(new BufferedReader(new StringReader(body)), base + path);
        } catch (HistoryFileException e) {
            throw fail("the histories from " + base + path + " cannot be read: " + e.getMessage()
                    + ". Run the command again; if it keeps happening, look at the server's log");
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /**
     * Copies the server's histories file to {@code out} as it arrives.
     *
     * @param workflow only runs of this workflow, or null
     * @param statuses the states of the runs wanted; empty for the runs in flight
     * @param out      where the lines go
     * @return the number of runs copied
     */
    int copyHistories(String workflow, Set<RunStatus> statuses, Writer out) {
        String path = historiesPath(workflow, statuses);
        HttpResponse<InputStream> response = get(path, HistoryLines.MEDIA_TYPE);
        requireHistories(response, path, response.statusCode() >= 300 ? readAll(response, path) : null);
        int lines = 0;
        char last = '\n';
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            char[] buffer = new char[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
                out.write(buffer, 0, n);
            }
            out.flush();
        } catch (IOException e) {
            throw cut(path, e);
        }
        if (last != '\n') {
            throw fail("the histories from " + base + path + " end in the middle of a line: the stream was cut short "
                    + "after " + lines + " runs. Export again; if it keeps happening, look at the server's log");
        }
        return lines;
    }

    private static String historiesPath(String workflow, Set<RunStatus> statuses) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (statuses != null && !statuses.isEmpty()) {
            query.add("status=" + String.join(",", statuses.stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                    .sorted().toList()));
        }
        if (workflow != null) {
            query.add("workflow=" + URLEncoder.encode(workflow, StandardCharsets.UTF_8));
        }
        return "/api/histories" + query;
    }

    /** Refuses an error answer, or one that is not a histories file. */
    private void requireHistories(HttpResponse<InputStream> response, String path, String body) {
        if (response.statusCode() >= 300) {
            JsonNode answer = body == null ? JSON.nullNode() : json(response, path, body);
            if (response.statusCode() == 404 && answer.path("message").asText("").startsWith("no route")) {
                throw fail(base + " has no /api/histories: it runs a Baton older than this one. Upgrade the server, or "
                        + "work on its store file");
            }
            failOnError(response, path, answer);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith(HistoryLines.MEDIA_TYPE)) {
            throw fail(base + " answered GET " + path + " with '" + type + "' rather than a histories file ("
                    + HistoryLines.MEDIA_TYPE + "); is it a Baton server?"
                    + (body == null ? "" : " Its answer began: " + Formats.abbreviate(body, 120)));
        }
    }

    private void failOnError(HttpResponse<?> response, String path, JsonNode answer) {
        int status = response.statusCode();
        if (status < 400) {
            return;
        }
        String message = answer.path("message").asText("");
        String said = message.isEmpty() ? "" : ": " + message;
        if (status == 401 || status == 403) {
            throw fail(base + " refused GET " + path + " (" + status + ")" + said + ". Give a token with --token or "
                    + "BATON_TOKEN" + (token == null ? "" : " that is allowed to read it"));
        }
        throw fail(base + " answered GET " + path + " with " + status + said
                + (status >= 500 ? ". Look at the server's log, then try again" : ""));
    }

    private JsonNode json(HttpResponse<?> response, String path, String body) {
        try {
            JsonNode node = body.isBlank() ? null : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw fail(base + " answered GET " + path + " with " + response.statusCode() + " and no JSON object; is it "
                    + "a Baton server? Its answer began: " + Formats.abbreviate(body, 120));
        }
    }

    private HttpResponse<InputStream> get(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", accept).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw fail("cannot reach the Baton server at " + base + ": nothing answers there (" + e.getClass()
                    .getSimpleName() + "). Check the URL and that the server runs, or plan against its store file "
                    + "(--target sqlite:PATH)");
        } catch (HttpTimeoutException e) {
            throw fail("the Baton server at " + base + " did not answer GET " + path + " within "
                    + REQUEST_TIMEOUT.toMinutes() + " minutes; try again, and look at the server's log");
        } catch (IOException e) {
            throw fail("the Baton server at " + base + " did not answer GET " + path + ": " + e
                    + ". Check the URL (http or https) and that the server runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting for the Baton server at " + base);
        } catch (IllegalArgumentException e) {
            throw fail("'" + base + "' is not a URL such as http://127.0.0.1:8080: " + e.getMessage());
        }
    }

    private String readAll(HttpResponse<InputStream> response, String path) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cut(path, e);
        }
    }

    private CliException cut(String path, IOException e) {
        return fail("the answer of " + base + " to GET " + path + " was cut short (" + e.getMessage() + "): the "
                + "connection ended before the stream did. Run the command again; if it keeps happening, look at the "
                + "server's log");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private CliException fail(String message) {
        return new CliException(errorCode, message);
    }
}
