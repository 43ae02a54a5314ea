package dev.baton.access;

import java.time.Instant;

/**
 * Which audit entries to read, newest first.
 *
 * @param actor  only this actor, or null
 * @param action only this action, or null
 * @param after  only entries at or after this moment, or null
 * @param before only entries before this moment, or null
 * @param limit  the most entries, at least 1
 * @param offset how many matching entries to skip
 */
public record AuditQuery(String actor, String action, Instant after, Instant before, int limit, long offset) {
    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    /** @param limit the most entries @return the newest entries, any actor and action */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, limit, 0);
    }
}
