package dev.baton.engine.store;

/**
 * A signal sent to a run.
 *
 * @param id          assigned by the store, increasing in arrival order; 0 before insertion
 * @param runId       the run
 * @param name        the signal's name
 * @param payload     the payload as JSON
 * @param receivedAt  when it arrived, epoch ms
 * @param consumedSeq the sequence number of the await that consumed it, or null while unconsumed
 */
public record SignalRow(long id, String runId, String name, String payload, long receivedAt, Integer consumedSeq) {
}
