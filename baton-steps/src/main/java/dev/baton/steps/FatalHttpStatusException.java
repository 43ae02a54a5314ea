package dev.baton.steps;

import dev.baton.NonRetryable;

import java.time.Duration;

/**
 * A response with a non-2xx status that is not retryable (by default any 3xx and 4xx other than
 * 429): the request itself is wrong, so the step ends at once, whatever its {@code Retry} policy
 * says.
 */
public class FatalHttpStatusException extends HttpStatusException implements NonRetryable {
    private static final long serialVersionUID = 1L;

    /**
     * @param method     the request's method
     * @param url        the request's URL as displayed, secrets masked
     * @param status     the response's status
     * @param bodyStart  the start of the response's body, secrets masked
     * @param retryAfter the wait its {@code Retry-After} header asked for, or null
     * @param message    the full message
     */
    public FatalHttpStatusException(String method, String url, int status, String bodyStart, Duration retryAfter,
                                    String message) {
        super(method, url, status, bodyStart, retryAfter, message);
    }
}
