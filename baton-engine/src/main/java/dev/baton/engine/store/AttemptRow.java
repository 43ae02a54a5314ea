package dev.baton.engine.store;

/**
 * A failed attempt of a step. (The last, successful or running, attempt lives in the step row.)
 *
 * @param runId         the run
 * @param seq           the step's sequence number
 * @param attempt       the attempt number, from 1
 * @param startedAt     when it started, epoch ms
 * @param endedAt       when it failed, epoch ms
 * @param error         the failure as JSON
 * @param nextAttemptAt when the next attempt is due, or null when this failure was final
 */
public record AttemptRow(String runId, int seq, int attempt, long startedAt, long endedAt, String error,
                         Long nextAttemptAt) {
}
