package dev.baton;

import java.time.Instant;

/**
 * The input of a run started by a {@link Trigger}, when its workflow declares this type as its
 * input: which run ended, how, and with what.
 *
 * @param runId       the upstream run
 * @param workflow    its workflow
 * @param status      how it ended
 * @param output      its result as JSON, or null
 * @param error       its error, or null
 * @param logicalTime its logical time, or null
 */
public record Upstream(String runId, String workflow, RunStatus status, String output, ErrorInfo error, Instant logicalTime) {
}
