package dev.baton;

import java.util.List;

/**
 * A recorded exception.
 *
 * @param type       the exception's class name
 * @param message    its message, or null
 * @param stackTrace its stack trace as text (causes included)
 * @param types      the class names of the exception and its superclasses, for
 *                   {@link StepFailedException#isCausedBy}
 */
public record ErrorInfo(String type, String message, String stackTrace, List<String> types) {
    /** Copies the list. */
    public ErrorInfo {
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** @return "type: message" */
    public String summary() {
        return message == null ? type : type + ": " + message;
    }
}
