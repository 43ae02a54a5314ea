package dev.baton;

/** A value cannot be stored as JSON, or read back into its type. The message names the type. */
public class PayloadException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param message names the value's type and what to do @param cause the serializer's error */
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
