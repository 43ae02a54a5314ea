package dev.baton.engine.store;

/**
 * A line logged by a step attempt.
 *
 * @param id      assigned by the store, increasing in arrival order; 0 before insertion
 * @param runId   the run
 * @param seq     the step's sequence number
 * @param attempt the attempt number
 * @param at      when, epoch ms
 * @param stream  where it came from: {@code stdout}, {@code stderr}, {@code log}, ...
 * @param line    the line
 */
public record LogRow(long id, String runId, int seq, int attempt, long at, String stream, String line) {
}
