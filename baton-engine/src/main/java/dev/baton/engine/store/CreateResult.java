package dev.baton.engine.store;

/**
 * The outcome of {@link Write.CreateRun}.
 *
 * @param runId   the id of the run that now exists: the new one, or the one that already held
 *                the id or the idempotency key
 * @param created whether this write created it
 */
public record CreateResult(String runId, boolean created) {
}
