package dev.baton.replay;

import dev.baton.BatonException;

/** A histories file that cannot be read: the message names the file, the line, and what to do. */
public final class HistoryFileException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    the line at fault, from 1; 0 when not about one line
     * @param message what is wrong and what to do
     */
    public HistoryFileException(int line, String message) {
        this(line, message, null);
    }

    /**
     * @param line    the line at fault, from 1; 0 when not about one line
     * @param message what is wrong and what to do
     * @param cause   the parser's error, or null
     */
    public HistoryFileException(int line, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** @return the line at fault, from 1; 0 when not about one line */
    public int line() {
        return line;
    }
}
