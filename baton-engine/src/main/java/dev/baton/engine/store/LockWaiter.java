package dev.baton.engine.store;

/**
 * A run waiting in line for a lock or pool.
 *
 * @param lock       the lock's name
 * @param runId      the waiting run
 * @param seq        the waiting step's sequence number, or 0 for the run itself
 * @param priority   higher is served first
 * @param enqueuedAt when it joined the line, epoch ms; earlier is served first among equals
 */
public record LockWaiter(String lock, String runId, int seq, int priority, long enqueuedAt) {
}
