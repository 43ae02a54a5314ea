package dev.baton.steps;

import dev.baton.NonRetryable;

/**
 * A 2xx response whose body does not map to the type the step expects: the client and the server
 * disagree on the format, which another attempt will not change, so the step ends at once.
 */
public class HttpResponseMappingException extends HttpStepException implements NonRetryable {
    private static final long serialVersionUID = 1L;

    private final String expectedType;

    /**
     * @param method       the request's method
     * @param url          the request's URL as displayed, secrets masked
     * @param expectedType the type the body should have mapped to
     * @param message      the full message, with the start of the body
     */
    public HttpResponseMappingException(String method, String url, String expectedType, String message) {
        super(method, url, message, null);
        this.expectedType = expectedType;
    }

    /** @return the type the body should have mapped to */
    public String expectedType() {
        return expectedType;
    }
}
