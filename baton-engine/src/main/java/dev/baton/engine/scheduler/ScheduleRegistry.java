package dev.baton.engine.scheduler;

import dev.baton.Schedule;
import dev.baton.WorkflowNotFoundException;
import dev.baton.engine.schedule.RegistrationChecks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The schedules registered with the engine, checked at registration (cron expression with the
 * engine's cron library, zone, distinct ids per workflow), with look-ups that say what exists
 * when a name is wrong.
 */
public final class ScheduleRegistry {

    /**
     * A schedule with its workflow.
     *
     * @param workflow the workflow it starts
     * @param schedule the schedule
     */
    public record Entry(String workflow, Schedule schedule) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Collection<String> workflows;

    /**
     * @param schedules by workflow, its schedules
     * @param workflows the registered workflows' names
     * @throws IllegalArgumentException naming the workflow and the field when a schedule is invalid
     */
    public ScheduleRegistry(Map<String, List<Schedule>> schedules, Collection<String> workflows) {
        this.workflows = workflows;
        for (Map.Entry<String, List<Schedule>> e : schedules.entrySet()) {
            RegistrationChecks.requireKnownWorkflow(e.getKey(), "schedule", e.getKey(), workflows);
            RegistrationChecks.requireSchedules(e.getKey(), e.getValue());
            for (Schedule schedule : e.getValue()) {
                RegistrationChecks.requireZone(e.getKey(), schedule.zone().getId());
                entries.add(new Entry(e.getKey(), schedule));
            }
        }
    }

    /** @return every schedule, by workflow in registration order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * @param workflow   a workflow's name
     * @param scheduleId a schedule's id
     * @return the schedule
     * @throws WorkflowNotFoundException when no workflow has that name
     * @throws IllegalArgumentException  when the workflow has no schedule with that id, listing its ids
     */
    public Schedule require(String workflow, String scheduleId) {
        if (!workflows.contains(workflow)) {
            throw new WorkflowNotFoundException(workflow, workflows);
        }
        List<Schedule> own = entries.stream().filter(e -> e.workflow().equals(workflow)).map(Entry::schedule).toList();
        return own.stream().filter(s -> s.id().equals(scheduleId)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("workflow '" + workflow + "' has no schedule '" + scheduleId + "'; "
                        + (own.isEmpty() ? "it has no schedules"
                        : "its schedules: " + own.stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(", ")))));
    }
}
