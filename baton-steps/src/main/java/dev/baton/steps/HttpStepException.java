package dev.baton.steps;

import dev.baton.BatonException;

/**
 * An HTTP step failed: the base of {@link HttpStatusException}, {@link HttpConnectionException}
 * and {@link HttpResponseMappingException}. Messages name the method and the URL, with secrets
 * in the query shown by name and their values masked.
 */
public class HttpStepException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final String url;

    /**
     * @param method  the request's method
     * @param url     the request's URL as displayed, secrets masked
     * @param message what happened and what to do
     * @param cause   the underlying failure, or null
     */
    public HttpStepException(String method, String url, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.url = url;
    }

    /** @return the request's method */
    public String method() {
        return method;
    }

    /** @return the request's URL as displayed, secrets masked */
    public String url() {
        return url;
    }
}
