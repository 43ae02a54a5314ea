package dev.baton;

import java.time.Instant;
import java.util.List;

/**
 * One durable call of a run, with all its attempts.
 *
 * @param seq       its sequence number
 * @param name      its name
 * @param kind      what kind of call
 * @param status    its state
 * @param startedAt when its first attempt started
 * @param endedAt   when it finished, or null
 * @param wakeAt    when a waiting call is due, or null
 * @param output    its result as JSON, once COMPLETED
 * @param error     its final error, once FAILED
 * @param detail    kind-specific detail: the child run's id, the signal awaited, a timeout
 * @param attempts  every attempt, in order
 */
public record StepInfo(int seq, String name, StepKind kind, StepStatus status, Instant startedAt, Instant endedAt,
                       Instant wakeAt, String output, ErrorInfo error, String detail, List<AttemptInfo> attempts) {
    /** Copies the list. */
    public StepInfo {
        attempts = List.copyOf(attempts);
    }
}
