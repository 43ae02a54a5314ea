package dev.baton;

import java.time.Duration;
import java.util.Objects;

/**
 * A named lock, or a pool of N slots, declared with {@link BatonBuilder#lock(LockSpec)}. A lock
 * is a pool of one slot. Steps take it with {@link StepOptions#locking(String...)}, whole runs
 * with {@link WorkflowDefinition#withLocks(String...)}.
 *
 * <p>Guarantees: at most {@code slots} holders at once across every run and every worker sharing
 * the store; waiters are served by priority, then first come first served; a holder keeps the
 * slot until its step (or run) ends — completed, failed or cancelled — and across restarts and
 * crashes of its worker (the run is resumed elsewhere and still holds it); every acquisition gets
 * a fencing token greater than every token handed out before for that name.
 *
 * @param name    the name, e.g. {@code warehouse}
 * @param slots   how many may hold it at once, at least 1
 * @param policy  what to do when it is taken; default {@link LockPolicy#WAIT}
 * @param maxWait the longest wait under {@link LockPolicy#WAIT}, or null for no limit
 */
public record LockSpec(String name, int slots, LockPolicy policy, Duration maxWait) {

    /** Validates the fields; messages name the field and the value. */
    public LockSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new IllegalArgumentException("lock name must be 1-128 letters, digits, '.', '_', ':' or '-', was '" + name + "'");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots of pool '" + name + "' must be >= 1, was " + slots);
        }
        Objects.requireNonNull(policy, "policy");
        if (maxWait != null && (maxWait.isNegative() || maxWait.isZero())) {
            throw new IllegalArgumentException("maxWait of lock '" + name + "' must be > 0, was " + maxWait);
        }
    }

    /** @param name the name @return a lock (one slot), waiting without limit when taken */
    public static LockSpec lock(String name) {
        return new LockSpec(name, 1, LockPolicy.WAIT, null);
    }

    /** @param name the name @param slots how many at once @return a pool */
    public static LockSpec pool(String name, int slots) {
        return new LockSpec(name, slots, LockPolicy.WAIT, null);
    }

    /** @param value what to do when taken @return a copy */
    public LockSpec whenTaken(LockPolicy value) {
        return new LockSpec(name, slots, value, maxWait);
    }

    /** @param value the longest wait @return a copy */
    public LockSpec maxWait(Duration value) {
        return new LockSpec(name, slots, policy, value);
    }
}
