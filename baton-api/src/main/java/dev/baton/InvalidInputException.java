package dev.baton;

/** A run's input (or a signal's payload) does not parse into the type the workflow declares. */
public class InvalidInputException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param message names the workflow, the expected type and the bad field @param cause the parse error */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
