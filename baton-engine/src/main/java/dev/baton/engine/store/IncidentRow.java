package dev.baton.engine.store;

/**
 * An alert incident as stored: one workflow, one cause, from its first failure until it resolved.
 * Times are epoch ms.
 *
 * @param id            assigned by the store; ignored when opening one
 * @param dedupKey      {@code workflow/cause}; at most one OPEN incident per key
 * @param workflow      the workflow
 * @param cause         the rule that opened it (an {@link dev.baton.alert.AlertRule} name)
 * @param status        {@code OPEN} or {@code RESOLVED}
 * @param count         failures gathered
 * @param notifiedCount the count the latest notification told of
 * @param firstAt       when it opened
 * @param lastAt        the latest failure
 * @param notifiedAt    the latest notification
 * @param resolvedAt    when it resolved, or null
 * @param runId         the latest run concerned, or null
 * @param summary       the latest failure in words
 */
public record IncidentRow(long id, String dedupKey, String workflow, String cause, String status, int count,
                          int notifiedCount, long firstAt, long lastAt, long notifiedAt, Long resolvedAt,
                          String runId, String summary) {

    /** @return whether it is still open */
    public boolean open() {
        return "OPEN".equals(status);
    }
}
