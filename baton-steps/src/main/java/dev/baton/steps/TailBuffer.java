package dev.baton.steps;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines of a stream, at most a number of bytes (UTF-8): the output summary of a shell
 * step. Older lines fall off the front; a single line longer than the limit keeps its end.
 */
final class TailBuffer {
    private final int maxBytes;
    private final Deque<String> lines = new ArrayDeque<>();
    private long bytes;
    private boolean truncated;

    /** @param maxBytes the most bytes kept, counting one byte per line break */
    TailBuffer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @param line a line without its line break */
    void add(String line) {
        long size = utf8Length(line) + 1L;
        if (size > maxBytes) {
            lines.clear();
            bytes = 0;
            truncated = true;
            String end = lastBytes(line, maxBytes - 1);
            if (maxBytes > 0) {
                lines.addLast(end);
                bytes = utf8Length(end) + 1L;
            }
            return;
        }
        lines.addLast(line);
        bytes += size;
        while (bytes > maxBytes) {
            bytes -= utf8Length(lines.removeFirst()) + 1L;
            truncated = true;
        }
    }

    /** @return the kept lines joined by line breaks */
    String text() {
        return String.join("\n", lines);
    }

    /** @return whether anything fell off */
    boolean truncated() {
        return truncated;
    }

    /** @param count how many @return the last {@code count} kept lines, joined by line breaks */
    String lastLines(int count) {
        return String.join("\n", lines.stream().skip(Math.max(0, lines.size() - count)).toList());
    }

    /** @return the UTF-8 length of the text, without encoding it */
    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** @return the longest end of {@code text} that fits in {@code max} bytes, whole characters only */
    private static String lastBytes(String text, int max) {
        int start = text.length();
        int used = 0;
        while (start > 0) {
            int cp = text.codePointBefore(start);
            int size = utf8Length(new String(Character.toChars(cp)));
            if (used + size > max) {
                break;
            }
            used += size;
            start -= Character.charCount(cp);
        }
        return text.substring(start);
    }
}
