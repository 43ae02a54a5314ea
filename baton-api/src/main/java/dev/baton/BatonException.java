package dev.baton;

/** The base of every exception Baton throws on purpose. Messages say what happened and what to do. */
public class BatonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened and what to do */
    public BatonException(String message) {
        super(message);
    }

    /** @param message what happened and what to do @param cause the underlying failure */
    public BatonException(String message, Throwable cause) {
        super(message, cause);
    }
}
