package dev.baton.alert;

import java.time.Instant;
import java.util.List;

/**
 * One incident: the alerts of one workflow for one cause, from the first until it resolved.
 * Repeats while it is open raise its count instead of opening another.
 *
 * @param id         its id
 * @param dedupKey   {@code workflow/cause}, also PagerDuty's dedup key
 * @param workflow   the workflow
 * @param cause      the rule that opened it
 * @param open       whether it is still open
 * @param count      how many failures (runs, fires) it gathered
 * @param firstAt    when it opened
 * @param lastAt     the latest failure
 * @param resolvedAt when it resolved, or null
 * @param runId      the latest run concerned, or null (a missed fire has none)
 * @param summary    the latest failure in words
 * @param deliveries its notifications, oldest first
 */
public record AlertIncident(long id, String dedupKey, String workflow, AlertRule cause, boolean open, int count,
                            Instant firstAt, Instant lastAt, Instant resolvedAt, String runId, String summary,
                            List<Delivery> deliveries) {

    /** Copies the list. */
    public AlertIncident {
        deliveries = List.copyOf(deliveries);
    }

    /**
     * One notification to one channel and its attempts.
     *
     * @param id            its id
     * @param channel       the channel's name
     * @param action        {@code TRIGGER}, {@code REPEAT} or {@code RESOLVE}
     * @param status        {@code PENDING}, {@code SENT} or {@code FAILED}
     * @param attempts      attempts made
     * @param lastResult    the last attempt's outcome: HTTP status or SMTP reply, or the error
     * @param nextAttemptAt when it is tried again, or null
     * @param createdAt     when it was queued
     * @param updatedAt     its last change
     */
    public record Delivery(long id, String channel, String action, String status, int attempts, String lastResult,
                           Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {
    }
}
