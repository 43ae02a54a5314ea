package dev.baton.engine.store;

/**
 * Where the alert evaluator of the store stands, handed to the process that holds its lease.
 *
 * @param eventId   the last timeline entry (its id) already evaluated
 * @param checkedAt when the last pass was recorded, epoch ms (its deadline and fire checks
 *                  covered everything due up to then)
 * @param since     when alerts were first evaluated on this store; nothing older is alerted on
 */
public record AlertCursor(long eventId, long checkedAt, long since) {
}
