package dev.baton;

import java.time.Instant;

/**
 * A registered schedule as the engine sees it, for dashboards and the CLI.
 *
 * @param workflow    the workflow the schedule starts
 * @param id          the schedule's id, unique within its workflow
 * @param description the schedule in words: its cron expression and zone, or its interval
 * @param paused      whether fires are held back by {@link Baton#pauseSchedule(String, String)}
 * @param nextFire    the logical time of the next fire, or null when it never fires again
 * @param nextDueAt   when that fire is due: its logical time plus the schedule's jitter, or null
 * @param lastFire    the logical time of the last fire handled (started, skipped or held), or
 *                    null when none was
 */
public record ScheduleInfo(String workflow, String id, String description, boolean paused, Instant nextFire,
                           Instant nextDueAt, Instant lastFire) {
}
