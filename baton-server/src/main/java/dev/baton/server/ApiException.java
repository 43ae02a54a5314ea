package dev.baton.server;

/**
 * A request the API refuses, with the HTTP status to answer and, for bad input, the name of the
 * field (query parameter, path parameter or JSON property) at fault.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** @param field the field at fault @param message what is wrong and what is expected @return a 400 */
    static ApiException badField(String field, String message) {
        return new ApiException(400, field, message);
    }

    /** @param message what was not found and where to look @return a 404 */
    static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    int status() {
        return status;
    }

    /** @return the field at fault, or null */
    String field() {
        return field;
    }
}
