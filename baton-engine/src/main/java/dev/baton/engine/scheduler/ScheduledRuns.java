package dev.baton.engine.scheduler;

import dev.baton.InvalidInputException;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.run.RunHost;
import dev.baton.engine.run.TriggeredStarts;
import dev.baton.engine.store.RunRow;

import java.time.Instant;

/** The runs schedules and backfills start: input JSON null, the fire's logical time, an id derived from the fire. */
final class ScheduledRuns {
    private ScheduledRuns() {
    }

    /** @return the id of the run a schedule's fire starts; the same on every worker */
    static String fireRunId(String workflow, String scheduleId, Instant logicalTime) {
        return TriggeredStarts.derivedId(workflow + "@" + scheduleId + "@" + logicalTime);
    }

    /** @return the id of the run a backfill starts for a logical time; distinct from the schedule's own */
    static String backfillRunId(String workflow, String scheduleId, Instant logicalTime) {
        return TriggeredStarts.derivedId("backfill@" + workflow + "@" + scheduleId + "@" + logicalTime);
    }

    static RunRow row(RunHost host, String id, String workflow, String idempotencyKey, Instant logicalTime) {
        return row(host, id, workflow, idempotencyKey, logicalTime, input(host, workflow));
    }

    /** @param input the run's input JSON, from {@link #input} */
    static RunRow row(RunHost host, String id, String workflow, String idempotencyKey, Instant logicalTime, String input) {
        return host.newRun(id, workflow, input, idempotencyKey, null, 0, 0).withLogicalTime(logicalTime.toEpochMilli());
    }

    /** @return the input JSON of a scheduled run of the workflow: null, as its input type holds it */
    static String input(RunHost host, String workflow) {
        WorkflowDefinition<?, ?> definition = host.workflow(workflow);
        try {
            return host.codec().normalizeInput("null", definition.inputType(), workflow);
        } catch (InvalidInputException e) {
            return "null"; // kept as it is, so that the run fails saying its input type cannot be empty
        }
    }
}
