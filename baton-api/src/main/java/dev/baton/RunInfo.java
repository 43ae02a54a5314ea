package dev.baton;

import java.time.Instant;

/**
 * A run as stored.
 *
 * @param id              the run's id
 * @param workflow        the workflow's registered name
 * @param status          the run's state
 * @param input           the input as JSON
 * @param output          the result as JSON, once COMPLETED
 * @param error           the error, once FAILED (or CANCELLED)
 * @param idempotencyKey  the key it was started with, or null
 * @param parentRunId     the parent run of a child run, or null
 * @param createdAt       when it was stored
 * @param startedAt       when a worker first executed it, or null
 * @param endedAt         when it finished, or null
 * @param updatedAt       its last change
 * @param wakeAt          when a WAITING run is next due, or null
 * @param waitingFor      what a WAITING run waits for, in words, or null
 * @param cancelRequested whether cancellation was requested
 * @param owner           the worker holding its lease, or null
 * @param logicalTime     the time the run is for, or null
 * @param codeVersion     the version of the code the run started under, or null when not recorded
 */
public record RunInfo(String id, String workflow, RunStatus status, String input, String output, ErrorInfo error,
                      String idempotencyKey, String parentRunId, Instant createdAt, Instant startedAt,
                      Instant endedAt, Instant updatedAt, Instant wakeAt, String waitingFor,
                      boolean cancelRequested, String owner, Instant logicalTime, String codeVersion) {

    /** A run without a recorded code version. */
    public RunInfo(String id, String workflow, RunStatus status, String input, String output, ErrorInfo error,
                   String idempotencyKey, String parentRunId, Instant createdAt, Instant startedAt,
                   Instant endedAt, Instant updatedAt, Instant wakeAt, String waitingFor,
                   boolean cancelRequested, String owner, Instant logicalTime) {
        this(id, workflow, status, input, output, error, idempotencyKey, parentRunId, createdAt, startedAt, endedAt,
                updatedAt, wakeAt, waitingFor, cancelRequested, owner, logicalTime, null);
    }
}
