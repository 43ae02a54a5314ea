package dev.baton;

import java.time.Instant;

/**
 * One recorded fire of a schedule: what the engine did when the fire came due. Each logical
 * time of a schedule is recorded once, across every process sharing the store.
 *
 * @param workflow    the workflow the schedule starts
 * @param scheduleId  the schedule's id
 * @param logicalTime the time the schedule names; the run receives it
 * @param dueAt       when the fire was due: the logical time plus the schedule's jitter
 * @param recordedAt  when the engine handled it (the run's start for a STARTED fire)
 * @param runId       the run started, or null when none was
 * @param outcome     what happened
 * @param reason      why, in words (for SKIPPED and BUFFERED, the run still running and the policy)
 */
public record ScheduleFire(String workflow, String scheduleId, Instant logicalTime, Instant dueAt,
                          Instant recordedAt, String runId, Outcome outcome, String reason) {

    /** What a fire did. */
    public enum Outcome {
        /** A run was started for the fire. */
        STARTED,
        /** Nothing was started, under the schedule's overlap policy. */
        SKIPPED,
        /** The fire is held until the schedule's running run ends (overlap BUFFER_ONE). */
        BUFFERED
    }
}
