package dev.baton;

/**
 * Options of a start.
 *
 * @param runId          the run's id, chosen by the caller, or null for a generated one; starting
 *                       with an id that exists returns the existing run
 * @param idempotencyKey a key that, once used, returns the run it started instead of a new one, or null
 * @param priority       the run's rank in the line of a lock or pool: higher is served first; default 0
 * @param logicalTime    the time the run is for (a schedule's fire time, a business day), or null;
 *                       runs it triggers inherit it, and fan-in triggers match on it
 */
public record StartOptions(String runId, String idempotencyKey, int priority, java.time.Instant logicalTime) {
    /** Validates the id. */
    public StartOptions {
        if (runId != null && !runId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new IllegalArgumentException("runId must be 1-128 letters, digits, '.', '_', ':' or '-', was '" + runId + "'");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 256)) {
            throw new IllegalArgumentException("idempotencyKey must be 1-256 characters, was '" + idempotencyKey + "'");
        }
    }

    /**
     * Options of the default priority.
     *
     * @param runId          the run's id, or null
     * @param idempotencyKey the key, or null
     */
    public StartOptions(String runId, String idempotencyKey) {
        this(runId, idempotencyKey, 0, null);
    }

    /** @return a generated id, no key */
    public static StartOptions defaults() {
        return new StartOptions(null, null);
    }

    /** @param runId the run's id @return options with it */
    public static StartOptions runId(String runId) {
        return new StartOptions(runId, null);
    }

    /** @param key the idempotency key @return options with it */
    public static StartOptions idempotencyKey(String key) {
        return new StartOptions(null, key);
    }

    /** @param value the priority among waiters for locks and pools @return a copy */
    public StartOptions withPriority(int value) {
        return new StartOptions(runId, idempotencyKey, value, logicalTime);
    }

    /** @param value the time the run is for @return a copy */
    public StartOptions withLogicalTime(java.time.Instant value) {
        return new StartOptions(runId, idempotencyKey, priority, value);
    }
}
