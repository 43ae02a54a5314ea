package dev.baton.engine.simulate;

import java.time.Duration;
import java.time.Instant;

/**
 * One run as the simulation laid it on the calendar.
 *
 * @param id          a readable id: workflow and local logical time, e.g. {@code NightlyLoad@2027-07-01 02:00}
 * @param workflow    the workflow
 * @param cause       what started it: {@code schedule ID} or {@code trigger after WORKFLOW}
 * @param logicalTime its logical time (the fire's, or the upstream run's for a triggered run)
 * @param createdAt   when it was started
 * @param startedAt   when it held its locks and began work, or null when it never did
 * @param endedAt     when it ended, or null when it had not ended at the end of the simulation
 * @param status      COMPLETED, SKIPPED or FAILED (by a lock's policy), CANCELLED (overlap
 *                    CANCEL_PREVIOUS), or WAITING/RUNNING when the simulation ended first
 * @param waited      how long it waited for locks
 * @param waitedFor   the locks it waited for and who held them when it joined the line, or null
 */
public record SimulatedRun(String id, String workflow, String cause, Instant logicalTime, Instant createdAt,
                           Instant startedAt, Instant endedAt, String status, Duration waited, String waitedFor) {
}
