package dev.baton.engine.simulate;

/** A durations file that cannot be read: malformed JSON, an unknown field, a bad duration or date. */
public final class DurationsFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and what is expected @param cause the underlying error, or null */
    public DurationsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
