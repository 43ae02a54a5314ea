package dev.baton.engine.store;

/**
 * A run claimed by a worker.
 *
 * @param run     the run as it was after the claim
 * @param wasMine whether this worker already owned it (a run parked in this worker's memory
 *                that became due), as opposed to a run taken over from nobody or from an
 *                expired lease
 * @param previousOwner the owner before the claim, or null
 */
public record Claim(RunRow run, boolean wasMine, String previousOwner) {
}
