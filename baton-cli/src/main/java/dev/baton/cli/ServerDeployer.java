package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Records a deploy through a Baton server ({@code POST /api/deployments}), for
 * {@code baton deploy --target URL}: the server checks the caller's role (admin), the manifest's
 * format and hash, and records the deploy in its store with the same code a deploy on a store file
 * runs. Every failure is a {@link CliException} naming the URL and what to do.
 */
final class ServerDeployer {
    private static final String PATH = "/api/deployments";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final int errorCode;

    /** @param url the server, http or https @param token the admin's API token, or null */
    ServerDeployer(String url, String token, int errorCode) {
        this.errorCode = errorCode;
        this.base = ServerReader.baseUrl(url, errorCode, "https://baton.example.com");
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    String url() {
        return base;
    }

    /**
     * @param manifestJson the manifest as {@code baton manifest} writes it
     * @param author       who deploys, or null for the token's name
     * @param note         a line for the audit trail, or null
     * @return the server's answer: {@code deployment} (id, deployedAt, author, codeVersion, manifestHash, changes)
     */
    JsonNode deploy(String manifestJson, String author, String note) {
        ObjectNode body = JSON.createObjectNode();
        String text;
        try {
            body.set("manifest", JSON.readTree(manifestJson));
            if (author != null) {
                body.put("author", author);
            }
            if (note != null) {
                body.put("note", note);
            }
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest written here is JSON", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + PATH)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw fail("cannot reach the Baton server at " + base + ": nothing answers there. Check the URL and that "
                    + "the server runs; nothing was deployed");
        } catch (IOException e) {
            throw fail("the Baton server at " + base + " did not answer POST " + PATH + ": " + e
                    + ". It may or may not have recorded the deploy: look at `baton deployments` there");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting for the Baton server at " + base);
        }
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            answer = null;
        }
        String message = answer == null ? "" : answer.path("message").asText("");
        String said = message.isEmpty() ? "" : ": " + message;
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw fail(base + " refused the deploy (" + status + ")" + said + ". Deploying needs an API token of the "
                    + "role admin, given with --token or BATON_TOKEN; nothing was deployed");
        }
        if (status == 404 || status == 405) {
            throw fail(base + " has no POST " + PATH + " (it answered " + status + "): it runs a Baton older than this "
                    + "one. Upgrade the server, or deploy to its store file (--target sqlite:PATH)");
        }
        if (status >= 400) {
            throw fail(base + " refused the deploy with " + status + said + "; nothing was deployed");
        }
        if (answer == null || !answer.path("deployment").isObject()) {
            throw fail(base + " answered POST " + PATH + " with " + status + " and no deploy; is it a Baton server? "
                    + "Its answer began: " + Formats.abbreviate(response.body(), 120));
        }
        return answer.get("deployment");
    }

    private CliException fail(String message) {
        return new CliException(errorCode, message);
    }
}
