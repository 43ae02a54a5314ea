package dev.baton.engine.store;

/**
 * One attempt at a delivery.
 *
 * @param deliveryId    the delivery
 * @param attempt       1, 2, ...
 * @param at            when it ended, epoch ms
 * @param ok            whether the channel accepted it
 * @param result        the HTTP status or SMTP reply, or the error
 * @param nextAttemptAt when the next attempt is due, or null when none follows
 */
public record DeliveryAttemptRow(long deliveryId, int attempt, long at, boolean ok, String result, Long nextAttemptAt) {
}
