package dev.baton.engine.store;

import dev.baton.StepKind;
import dev.baton.StepStatus;

/**
 * One durable call of a run, keyed by (runId, seq). Written with upsert semantics: the last
 * write for a key wins.
 *
 * @param runId      the run
 * @param seq        the sequence number, from 1
 * @param name       the call's name
 * @param kind       the call's kind
 * @param status     its state
 * @param attempts   attempts started so far
 * @param startedAt  when the current (last) attempt started, epoch ms
 * @param endedAt    when it finished, or null
 * @param wakeAt     when a WAITING call is due, or null
 * @param output     the result as JSON, or null
 * @param outputType the result's Java type, or null
 * @param error      the final error as JSON, or null
 * @param detail     kind-specific detail (child run id, signal name, timeout), or null
 */
public record StepRow(String runId, int seq, String name, StepKind kind, StepStatus status, int attempts,
                      long startedAt, Long endedAt, Long wakeAt, String output, String outputType, String error,
                      String detail) {
}
