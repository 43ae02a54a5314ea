package dev.baton.alerts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON with the JDK's HTTP client and turns the outcome into a result or a {@link DeliveryFailure}. */
final class HttpPost implements AutoCloseable {
    private final HttpClient client;
    private final Duration timeout;

    HttpPost(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param channel what is sent to, for messages
     * @param url     where
     * @param json    the body
     * @param headers extra headers
     * @return {@code HTTP <status>}
     * @throws DeliveryFailure on a refused connection, a timeout or a status outside 2xx
     */
    String post(String channel, URI url, String json, Map<String, String> headers) throws DeliveryFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Baton-Alerts")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure(channel + ": no answer from " + host(url) + " within " + timeout.toMillis() + " ms",
                    true, e);
        } catch (ConnectException e) {
            throw new DeliveryFailure(channel + ": cannot connect to " + host(url) + " (connection refused or "
                    + "unreachable)", true, e);
        } catch (IOException e) {
            throw new DeliveryFailure(channel + ": " + host(url) + " failed: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(channel + ": interrupted while sending; sent again later", true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return "HTTP " + status;
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > 300) {
            body = body.substring(0, 300) + "...";
        }
        // 408, 429 and 5xx are the receiver's trouble of the moment; other 4xx would be refused again.
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new DeliveryFailure("HTTP " + status + (body.isEmpty() ? "" : ": " + body), retryable, null);
    }

    /** @return scheme, host and port only: webhook paths carry secrets (Slack's do) */
    static String host(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Stops the client's threads. */
    @Override
    public void close() {
        client.close();
    }
}
