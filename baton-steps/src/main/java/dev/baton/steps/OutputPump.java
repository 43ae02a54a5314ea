package dev.baton.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Reads one output stream of a process on its own virtual thread and hands it over line by line,
 * so that the step's thread logs the lines while the command runs. A line longer than
 * {@value #MAX_LINE_BYTES} bytes is handed over in pieces, so that output without line breaks
 * cannot exhaust memory. The end of the stream is handed over as a line whose text is null.
 */
final class OutputPump implements Runnable {
    /** The longest line handed over in one piece. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /**
     * A line of output, or the end of a stream.
     *
     * @param stream {@code stdout} or {@code stderr}
     * @param text   the line without its line break, or null at the end of the stream
     */
    record Line(String stream, String text) {
        boolean isEnd() {
            return text == null;
        }
    }

    private final String stream;
    private final InputStream in;
    private final Charset charset;
    private final LineQueue queue;

    OutputPump(String stream, InputStream in, Charset charset, LineQueue queue) {
        this.stream = stream;
        this.in = in;
        this.charset = charset;
        this.queue = queue;
    }

    /** @return the thread that pumps, started */
    Thread start() {
        return Thread.ofVirtual().name("baton-shell-" + stream).start(this);
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        byte[] line = new byte[256];
        int length = 0;
        try (in) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit(line, length);
                        length = 0;
                        continue;
                    }
                    if (length == line.length) {
                        if (length >= MAX_LINE_BYTES) {
                            emit(line, length);
                            length = 0;
                        } else {
                            line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
                        }
                    }
                    line[length++] = b;
                }
            }
            if (length > 0) {
                emit(line, length);
            }
        } catch (IOException e) {
            // The stream was closed under us (the step gave up waiting for it): nothing more to read.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                queue.put(new Line(stream, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void emit(byte[] bytes, int length) throws InterruptedException {
        int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
        queue.put(new Line(stream, new String(bytes, 0, end, charset)));
    }
}
