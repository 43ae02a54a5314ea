package dev.baton.test;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt of one step that the engine executed under the test kit, in virtual time. Replayed
 * steps do not appear: a step that appears twice for one run and sequence number was executed
 * twice (a retry, or an attempt interrupted by a crash).
 *
 * @param runId    the run
 * @param workflow its workflow
 * @param step     the step's name
 * @param seq      its sequence number in the run
 * @param attempt  the attempt, from 1
 * @param start    when the attempt began
 * @param end      when it ended
 * @param failure  the failure's type and message, or null when it succeeded
 */
public record StepExecution(String runId, String workflow, String step, int seq, int attempt, Instant start,
                            Instant end, String failure) {

    /** @return how long the attempt took, in virtual time */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** @return whether the attempt returned normally */
    public boolean succeeded() {
        return failure == null;
    }

    /** @param other another attempt @return whether the two were executing at the same time */
    public boolean overlaps(StepExecution other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
