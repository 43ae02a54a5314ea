package dev.baton.alerts;

/** A channel did not accept a notification. */
final class DeliveryFailure extends Exception {
    private final boolean retryable;

    /**
     * @param result    what the channel answered (HTTP status and body, SMTP reply) or the error
     * @param retryable whether another attempt may succeed (a 500, a refused connection), or not
     *                  (a 400: the same request would be refused again)
     * @param cause     the underlying error, or null
     */
    DeliveryFailure(String result, boolean retryable, Throwable cause) {
        super(result, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
