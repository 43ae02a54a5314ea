package dev.baton.engine.store;

/**
 * One notification of an incident to one channel, delivered by whichever process claims it.
 * Times are epoch ms.
 *
 * @param id            assigned by the store; ignored when queuing one
 * @param incidentId    the incident; ignored when queued with the incident it belongs to
 * @param channel       the channel's name
 * @param action        {@code TRIGGER}, {@code REPEAT} or {@code RESOLVE}
 * @param message       the notification's content as JSON, rendered per channel when sent
 * @param status        {@code PENDING}, {@code SENT} or {@code FAILED}
 * @param attempts      attempts made
 * @param nextAttemptAt when it is due, or null once it is SENT or FAILED
 * @param lastResult    the last attempt's outcome, or null
 * @param createdAt     when it was queued
 * @param updatedAt     its last change
 */
public record DeliveryRow(long id, long incidentId, String channel, String action, String message, String status,
                          int attempts, Long nextAttemptAt, String lastResult, long createdAt, long updatedAt) {

    /**
     * @param channel the channel
     * @param action  TRIGGER, REPEAT or RESOLVE
     * @param message the content
     * @param at      now
     * @return a new PENDING delivery, due at once
     */
    public static DeliveryRow pending(String channel, String action, String message, long at) {
        return new DeliveryRow(0, 0, channel, action, message, "PENDING", 0, at, null, at, at);
    }
}
