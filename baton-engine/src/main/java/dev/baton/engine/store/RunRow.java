package dev.baton.engine.store;

import dev.baton.RunStatus;

/**
 * A run as stored. Times are epoch milliseconds; nullable times are boxed.
 *
 * @param id              the run's id
 * @param workflow        the workflow's name
 * @param status          the run's state
 * @param input           the input as JSON
 * @param output          the result as JSON, or null
 * @param outputType      the result's Java type (canonical form), or null
 * @param error           the error as JSON (an {@link dev.baton.ErrorInfo}), or null
 * @param idempotencyKey  the start's idempotency key, or null; unique among runs
 * @param parentRunId     the parent of a child run, or null
 * @param parentSeq       the parent's sequence number that awaits this child, or 0
 * @param owner           the worker holding the lease, or null
 * @param leaseUntil      when the lease ends; 0 when none
 * @param wakeAt          when a WAITING run is due, or null for "when woken"
 * @param waitingFor      what a WAITING run waits for, in words, or null
 * @param cancelRequested whether cancellation was requested
 * @param createdAt       when stored
 * @param startedAt       first execution, or null
 * @param endedAt         finish, or null
 * @param updatedAt       last change
 * @param priority        its rank among waiters for locks and pools: higher goes first
 * @param logicalTime     the time the run is for (epoch ms), or null
 * @param codeVersion     the version of the code the run started under, or null when not recorded
 */
public record RunRow(String id, String workflow, RunStatus status, String input, String output, String outputType,
                     String error, String idempotencyKey, String parentRunId, int parentSeq, String owner,
                     long leaseUntil, Long wakeAt, String waitingFor, boolean cancelRequested, long createdAt,
                     Long startedAt, Long endedAt, long updatedAt, int priority, Long logicalTime,
                     String codeVersion) {

    /** A run without a recorded code version. */
    public RunRow(String id, String workflow, RunStatus status, String input, String output, String outputType,
                  String error, String idempotencyKey, String parentRunId, int parentSeq, String owner,
                  long leaseUntil, Long wakeAt, String waitingFor, boolean cancelRequested, long createdAt,
                  Long startedAt, Long endedAt, long updatedAt, int priority, Long logicalTime) {
        this(id, workflow, status, input, output, outputType, error, idempotencyKey, parentRunId, parentSeq, owner,
                leaseUntil, wakeAt, waitingFor, cancelRequested, createdAt, startedAt, endedAt, updatedAt, priority,
                logicalTime, null);
    }

    /** A run with a priority and no logical time. */
    public RunRow(String id, String workflow, RunStatus status, String input, String output, String outputType,
                  String error, String idempotencyKey, String parentRunId, int parentSeq, String owner,
                  long leaseUntil, Long wakeAt, String waitingFor, boolean cancelRequested, long createdAt,
                  Long startedAt, Long endedAt, long updatedAt, int priority) {
        this(id, workflow, status, input, output, outputType, error, idempotencyKey, parentRunId, parentSeq, owner,
                leaseUntil, wakeAt, waitingFor, cancelRequested, createdAt, startedAt, endedAt, updatedAt, priority, null);
    }

    /** A run of the default priority, 0. */
    public RunRow(String id, String workflow, RunStatus status, String input, String output, String outputType,
                  String error, String idempotencyKey, String parentRunId, int parentSeq, String owner,
                  long leaseUntil, Long wakeAt, String waitingFor, boolean cancelRequested, long createdAt,
                  Long startedAt, Long endedAt, long updatedAt) {
        this(id, workflow, status, input, output, outputType, error, idempotencyKey, parentRunId, parentSeq, owner,
                leaseUntil, wakeAt, waitingFor, cancelRequested, createdAt, startedAt, endedAt, updatedAt, 0, null);
    }

    /** @param value the time the run is for (epoch ms), or null @return a copy with it */
    public RunRow withLogicalTime(Long value) {
        return new RunRow(id, workflow, status, input, output, outputType, error, idempotencyKey, parentRunId, parentSeq,
                owner, leaseUntil, wakeAt, waitingFor, cancelRequested, createdAt, startedAt, endedAt, updatedAt, priority,
                value, codeVersion);
    }

    /** @param value the version of the code the run starts under, or null @return a copy with it */
    public RunRow withCodeVersion(String value) {
        return new RunRow(id, workflow, status, input, output, outputType, error, idempotencyKey, parentRunId, parentSeq,
                owner, leaseUntil, wakeAt, waitingFor, cancelRequested, createdAt, startedAt, endedAt, updatedAt, priority,
                logicalTime, value);
    }
}
