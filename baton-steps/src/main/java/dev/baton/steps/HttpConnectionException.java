package dev.baton.steps;

/**
 * No response: the connection was refused or timed out, the host is unknown, the exchange broke
 * off, or the response did not arrive within the request timeout. Retried under the step's
 * {@code Retry} policy.
 */
public class HttpConnectionException extends HttpStepException {
    private static final long serialVersionUID = 1L;

    /**
     * @param method  the request's method
     * @param url     the request's URL as displayed, secrets masked
     * @param message what happened
     * @param cause   the underlying failure, messages masked
     */
    public HttpConnectionException(String method, String url, String message, Throwable cause) {
        super(method, url, message, cause);
    }
}
