package dev.baton.engine.store;

/**
 * A holder of a slot of a lock or pool: a step of a run (seq &gt; 0) or a whole run (seq 0).
 *
 * @param lock       the lock's name
 * @param runId      the holding run
 * @param seq        the holding step's sequence number, or 0 for the run itself
 * @param token      the fencing token of this acquisition
 * @param acquiredAt when, epoch ms
 */
public record LockHolder(String lock, String runId, int seq, long token, long acquiredAt) {
}
