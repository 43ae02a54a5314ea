package dev.baton.steps;

import dev.baton.RetryAfter;

import java.time.Duration;

/**
 * A response with a retryable non-2xx status (by default 429 or 5xx): the step's {@code Retry}
 * policy decides whether another attempt follows, and the next attempt waits at least as long as
 * the response's {@code Retry-After} header said.
 */
public class HttpStatusException extends HttpStepException implements RetryAfter {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String bodyStart;
    private final Duration retryAfter;

    /**
     * @param method     the request's method
     * @param url        the request's URL as displayed, secrets masked
     * @param status     the response's status
     * @param bodyStart  the start of the response's body, secrets masked
     * @param retryAfter the wait its {@code Retry-After} header asked for, or null when it had none
     * @param message    the full message
     */
    public HttpStatusException(String method, String url, int status, String bodyStart, Duration retryAfter,
                               String message) {
        super(method, url, message, null);
        this.status = status;
        this.bodyStart = bodyStart;
        this.retryAfter = retryAfter;
    }

    /** @return the response's status */
    public int status() {
        return status;
    }

    /** @return the start of the response's body, secrets masked */
    public String bodyStart() {
        return bodyStart;
    }

    /** @return the wait the response's {@code Retry-After} asked for; zero when it had none */
    @Override
    public Duration retryAfter() {
        return retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** @return whether the response had a usable {@code Retry-After} header */
    public boolean hasRetryAfter() {
        return retryAfter != null;
    }
}
