package dev.baton.engine.store;

/**
 * One recorded fire of a schedule, keyed by (workflow, scheduleId, logicalTime). Times are
 * epoch milliseconds.
 *
 * @param workflow    the workflow the schedule starts
 * @param scheduleId  the schedule's id
 * @param logicalTime the fire's logical time
 * @param dueAt       its logical time plus jitter
 * @param recordedAt  when it was handled (a held fire: when it started, once it has)
 * @param runId       the run started, or null
 * @param outcome     {@code STARTED}, {@code SKIPPED} or {@code BUFFERED}
 * @param reason      why, in words
 */
public record FireRow(String workflow, String scheduleId, long logicalTime, long dueAt, long recordedAt,
                      String runId, String outcome, String reason) {
}
