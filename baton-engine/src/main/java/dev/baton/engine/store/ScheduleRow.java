package dev.baton.engine.store;

/**
 * A schedule's durable state, shared by every worker. Times are epoch milliseconds.
 *
 * @param workflow     the workflow the schedule starts
 * @param scheduleId   the schedule's id
 * @param paused       whether its fires are held back
 * @param lastHandled  the logical time of the last fire handled (started, skipped or held), or null
 * @param buffered     the logical time of the fire held until the running run ends, or null
 * @param registeredAt when the schedule was first registered; it has missed no fire before then
 */
public record ScheduleRow(String workflow, String scheduleId, boolean paused, Long lastHandled, Long buffered,
                          long registeredAt) {
}
