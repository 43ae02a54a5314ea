package dev.baton.engine.schedule;

import dev.baton.Schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks run when workflows, their schedules and triggers are registered, so that a mistake
 * stops the application at start-up with a message naming the workflow, the field and the bad
 * value, instead of surfacing at 02:00. Cycles of triggers are found by {@link TriggerGraph}.
 */
public final class RegistrationChecks {

    /** The most registered names listed in an "unknown workflow" message. */
    private static final int MAX_NAMES_LISTED = 20;

    private RegistrationChecks() {
    }

    /**
     * @param workflow   the workflow the expression belongs to
     * @param expression a cron expression
     * @throws IllegalArgumentException naming the workflow, {@code cron}, the expression and the
     *         cron library's reason, also when the expression can never fire
     */
    public static void requireCron(String workflow, String expression) {
        Objects.requireNonNull(expression, "cron");
        try {
            CronExpressions.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix(workflow) + "cron must be a valid cron expression, was '"
                    + expression + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param workflow the workflow the zone belongs to
     * @param zone     a time-zone id such as {@code Europe/Berlin}
     * @return the zone
     * @throws IllegalArgumentException naming the workflow, {@code zone} and the id when unknown
     */
    public static ZoneId requireZone(String workflow, String zone) {
        Objects.requireNonNull(zone, "zone");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(prefix(workflow) + "zone must be a known time-zone id such as"
                    + " Europe/Berlin, was '" + zone + "' (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks the schedules of one workflow again with the engine's cron library (a schedule
     * built where only the API was on the class path had only its field count checked), and
     * that their ids differ, since fires are recorded per id.
     *
     * @param workflow  the workflow
     * @param schedules its schedules
     * @throws IllegalArgumentException naming the workflow and {@code cron} or {@code id}
     */
    public static void requireSchedules(String workflow, List<Schedule> schedules) {
        Set<String> ids = new HashSet<>();
        for (Schedule schedule : schedules) {
            if (schedule.kind() == Schedule.Kind.CRON) {
                requireCron(workflow, schedule.expression());
            }
            if (!ids.add(schedule.id())) {
                throw new IllegalArgumentException(prefix(workflow) + "id of each schedule must be unique, was '"
                        + schedule.id() + "' twice; give one of them Schedule.id(...)");
            }
        }
    }

    /**
     * @param workflow the workflow that uses the pool
     * @param pool     the pool's name
     * @param size     how many holders the pool admits at once
     * @return the size
     * @throws IllegalArgumentException naming the workflow, the pool and the size when below 1
     */
    public static int requirePoolSize(String workflow, String pool, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(prefix(workflow) + "size of pool '" + pool + "' must be >= 1, was " + size);
        }
        return size;
    }

    /**
     * @param workflow   the workflow that declares the reference, such as the trigger
     *                   "after NightlyLoad" on PublishReport
     * @param field      what refers, such as {@code trigger}
     * @param referenced the workflow name referred to
     * @param registered the names of all registered workflows
     * @throws IllegalArgumentException naming the workflow, the field, the unknown name and the
     *         registered names when {@code referenced} is not registered
     */
    public static void requireKnownWorkflow(String workflow, String field, String referenced,
                                            Collection<String> registered) {
        if (registered.contains(referenced)) {
            return;
        }
        TreeSet<String> sorted = new TreeSet<>(registered);
        String names = sorted.stream().limit(MAX_NAMES_LISTED).collect(Collectors.joining(", "))
                + (sorted.size() > MAX_NAMES_LISTED ? ", ..." : "");
        throw new IllegalArgumentException(prefix(workflow) + field + " names unknown workflow '" + referenced
                + "'; registered workflows: " + (names.isEmpty() ? "none" : names));
    }

    private static String prefix(String workflow) {
        return "workflow '" + Objects.requireNonNull(workflow, "workflow") + "': ";
    }
}
