package dev.baton.steps;

import java.net.URI;

/**
 * HTTP steps: call an API as a durable step, with retries on connection errors and on chosen
 * statuses under the step's {@code Retry} policy, {@code Retry-After} honoured, an
 * {@code Idempotency-Key} header on every attempt, and JSON mapped to your types.
 *
 * <pre>{@code
 * Receipt receipt = flow.step("publish", StepOptions.retry(Retry.exponential(5)),
 *         Http.post(URI.create("https://reports.example.com/reports"))
 *             .header("Authorization", Secret.named("API_TOKEN"), "Bearer %s")
 *             .jsonBody(report)
 *             .timeout(Duration.ofSeconds(10))
 *             .expect(Receipt.class));
 * }</pre>
 *
 * <p>Uses the JDK's {@code java.net.http.HttpClient}. See {@link HttpStep} for every setting and
 * its default.
 */
public final class Http {
    private Http() {
    }

    /** @param uri an absolute http or https URI @return a GET step */
    public static HttpStep<HttpResult> get(URI uri) {
        return request("GET", uri);
    }

    /** @param uri an absolute http or https URI @return a POST step */
    public static HttpStep<HttpResult> post(URI uri) {
        return request("POST", uri);
    }

    /** @param uri an absolute http or https URI @return a PUT step */
    public static HttpStep<HttpResult> put(URI uri) {
        return request("PUT", uri);
    }

    /** @param uri an absolute http or https URI @return a PATCH step */
    public static HttpStep<HttpResult> patch(URI uri) {
        return request("PATCH", uri);
    }

    /** @param uri an absolute http or https URI @return a DELETE step */
    public static HttpStep<HttpResult> delete(URI uri) {
        return request("DELETE", uri);
    }

    /**
     * @param method an HTTP method, e.g. {@code HEAD}
     * @param uri    an absolute http or https URI
     * @return the step
     * @throws IllegalArgumentException when the method is not a token or the URI is not an
     *                                  absolute http(s) URI with a host
     */
    public static HttpStep<HttpResult> request(String method, URI uri) {
        return HttpStep.of(method, uri);
    }
}
