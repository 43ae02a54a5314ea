package dev.baton;

/**
 * An exception rebuilt from history on replay: the original type's name, its message and its
 * stack trace as text. It stands in for the original exception, whose class may no longer exist.
 */
public final class RecordedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String recordedStackTrace;

    /**
     * @param type               the original exception's class name
     * @param message            its message
     * @param recordedStackTrace its stack trace as text
     */
    public RecordedFailure(String type, String message, String recordedStackTrace) {
        super(type + (message == null ? "" : ": " + message), null, false, false);
        this.type = type;
        this.recordedStackTrace = recordedStackTrace;
    }

    /** @return the original exception's class name */
    public String type() {
        return type;
    }

    /** @return the original stack trace as text */
    public String recordedStackTrace() {
        return recordedStackTrace;
    }
}
