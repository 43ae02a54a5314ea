package dev.baton.steps;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a running command on their way from the reading threads to the step's thread,
 * which alone logs them. Bounded, so a command that writes faster than lines are logged is
 * slowed down instead of filling memory; once closed, writers stop waiting for room.
 */
final class LineQueue {
    /** Marks that the process exited (its output may still be open in a descendant). */
    static final OutputPump.Line EXITED = new OutputPump.Line("\0exit", null);

    private static final int CAPACITY = 4096;
    private static final long OFFER_WAIT_MILLIS = 100;

    private final LinkedBlockingQueue<OutputPump.Line> queue = new LinkedBlockingQueue<>(CAPACITY);
    private volatile boolean closed;

    /** Waits for room unless the queue is closed, in which case the line is dropped. */
    void put(OutputPump.Line line) throws InterruptedException {
        while (!closed) {
            if (queue.offer(line, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    OutputPump.Line take() throws InterruptedException {
        return queue.take();
    }

    /** @return the next line, or null when none came within {@code nanos} */
    OutputPump.Line poll(long nanos) throws InterruptedException {
        return nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops accepting lines and drops those waiting. */
    void close() {
        closed = true;
        queue.clear();
    }
}
