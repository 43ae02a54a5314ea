package dev.baton;

/**
 * The store cannot be opened, read or written: locked by another process, read-only, not a
 * Baton database, out of space. Runs whose checkpoint could not be written pause and are
 * resumed from their last durable checkpoint once the store works again.
 */
public class StoreException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to do @param cause the driver's error */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
