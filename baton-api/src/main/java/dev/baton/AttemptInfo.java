package dev.baton;

import java.time.Instant;

/**
 * One attempt of a step.
 *
 * @param attempt       the attempt number, from 1
 * @param startedAt     when it started
 * @param endedAt       when it ended, or null while it runs
 * @param error         its failure, or null when it succeeded or still runs
 * @param nextAttemptAt when the next attempt is due after this failure, or null
 */
public record AttemptInfo(int attempt, Instant startedAt, Instant endedAt, ErrorInfo error, Instant nextAttemptAt) {
}
