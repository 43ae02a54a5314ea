package dev.baton.engine.scheduler;

import java.time.Instant;

/**
 * The implicit pool that caps how many runs of one schedule's backfill run at once. A backfill
 * run carries its pool in its idempotency key ({@code backfill:N:WORKFLOW_SCHEDULE@LOGICAL_MS}),
 * so that whichever worker executes it takes a slot of {@code backfill:N:WORKFLOW_SCHEDULE}
 * (N slots) for the whole run, as {@code withConcurrency} runs take {@code workflow:NAME}.
 * Idempotency keys starting with {@code backfill:} are therefore reserved.
 */
public final class BackfillPool {
    /** Locks and idempotency keys named so belong to backfills. */
    public static final String PREFIX = "backfill:";
    private static final int MAX_LOCK_NAME = 128;

    private BackfillPool() {
    }

    /**
     * @param workflow    the workflow
     * @param scheduleId  the schedule's id
     * @param parallelism the most runs at once
     * @return the pool's name, a valid lock name
     */
    public static String name(String workflow, String scheduleId, int parallelism) {
        String prefix = PREFIX + parallelism + ":";
        String whole = workflow + "@" + scheduleId;
        // Lock names allow few characters; long names are cut and keep a hash of the whole.
        String basis = whole.replaceAll("[^A-Za-z0-9._:-]", "_");
        if (prefix.length() + basis.length() > MAX_LOCK_NAME) {
            String hash = Integer.toHexString(whole.hashCode());
            basis = basis.substring(0, MAX_LOCK_NAME - prefix.length() - hash.length() - 1) + "~" + hash;
        }
        return prefix + basis;
    }

    /** @param pool the pool @param fire the run's logical time @return the run's idempotency key */
    public static String idempotencyKey(String pool, Instant fire) {
        return pool + "@" + fire.toEpochMilli();
    }

    /** @param idempotencyKey a run's idempotency key, or null @return the backfill pool it names, or null */
    public static String poolOf(String idempotencyKey) {
        if (idempotencyKey == null || !idempotencyKey.startsWith(PREFIX)) {
            return null;
        }
        int at = idempotencyKey.lastIndexOf('@');
        return at < 0 ? null : idempotencyKey.substring(0, at);
    }

    /** @param lock a lock's name @return the slots of the backfill pool it names, or 0 when it names none */
    public static int slotsOf(String lock) {
        if (!lock.startsWith(PREFIX)) {
            return 0;
        }
        int end = lock.indexOf(':', PREFIX.length());
        try {
            return end < 0 ? 0 : Math.max(0, Integer.parseInt(lock.substring(PREFIX.length(), end)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
