package dev.baton.examples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.time.Duration;
import java.time.Instant;

/**
 * A durable sleep between two steps: prepare a reminder, wait, send it.
 *
 * <p>The wake-up time is stored when the sleep begins. If the process stops during the wait, the
 * next start replays {@code prepare} from its checkpoint, sleeps only for what is left, and sends.
 * {@code flow.now()} is used instead of the clock because it is recorded and replays identically.
 */
public final class DelayedReminder implements Workflow<DelayedReminder.Reminder, DelayedReminder.Delivery> {

    /**
     * A reminder to send later.
     *
     * @param to           who gets it
     * @param delaySeconds how long to wait before sending, zero or more
     */
    public record Reminder(String to, int delaySeconds) {
        /** Validates the delay. */
        public Reminder {
            if (delaySeconds < 0) {
                throw new IllegalArgumentException("delaySeconds must be >= 0, was " + delaySeconds);
            }
        }
    }

    /**
     * A sent reminder.
     *
     * @param to         who got it
     * @param message    what was sent
     * @param preparedAt when it was prepared
     * @param sentAt     when it was sent
     */
    public record Delivery(String to, String message, Instant preparedAt, Instant sentAt) {
    }

    @Override
    public Delivery run(Flow flow, Reminder reminder) {
        String message = flow.step("prepare", () -> "Reminder for " + reminder.to() + ": your report is due.");
        Instant preparedAt = flow.now();

        flow.sleep(Duration.ofSeconds(reminder.delaySeconds()));

        flow.step("send", () -> "sent to " + reminder.to());
        return new Delivery(reminder.to(), message, preparedAt, flow.now());
    }
}
