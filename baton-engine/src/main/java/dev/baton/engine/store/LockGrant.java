package dev.baton.engine.store;

import java.util.List;

/**
 * The outcome of {@link Write.AcquireLock}.
 *
 * @param granted whether the caller now holds a slot
 * @param token   the fencing token of the acquisition, when granted
 * @param holders the holders when not granted (for the waiting message)
 */
public record LockGrant(boolean granted, long token, List<LockHolder> holders) {
    /** Copies the list. */
    public LockGrant {
        holders = List.copyOf(holders);
    }
}
