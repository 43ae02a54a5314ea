package dev.baton.engine.run;

import dev.baton.ErrorInfo;
import dev.baton.FanIn;
import dev.baton.InvalidInputException;
import dev.baton.RunStatus;
import dev.baton.Trigger;
import dev.baton.Upstream;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.codec.Encoded;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Write;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The runs that a run's end starts through triggers, written in the same transaction as that end:
 * started exactly once, even when the worker dies right after.
 */
public final class TriggeredStarts {
    private TriggeredStarts() {
    }

    /**
     * @param host      the engine
     * @param run       the upstream run
     * @param status    how it ended
     * @param output    its result, or null
     * @param error     its error, or null
     * @param now       now, epoch ms
     * @return the writes that start the downstream runs
     */
    public static List<Write> writes(RunHost host, RunRow run, RunStatus status, Encoded output, ErrorInfo error, long now) {
        List<Write> writes = new ArrayList<>();
        for (RunHost.TriggerBinding binding : host.triggersAfter(run.workflow())) {
            Trigger trigger = binding.trigger();
            WorkflowDefinition<?, ?> downstream = host.workflow(binding.downstream());
            if (downstream == null || !trigger.when().matches(status)) {
                continue;
            }
            if (trigger.fanIn()) {
                if (run.logicalTime() == null) {
                    continue; // a fan-in matches runs of one logical time; a run without one joins none
                }
                Instant logical = Instant.ofEpochMilli(run.logicalTime());
                String input = input(host, downstream, host.codec().toJson(new FanIn(logical, trigger.upstream()), "fan-in"));
                String id = derivedId(downstream.name() + "@" + logical);
                writes.add(new Write.CreateRunIfAllCompleted(host.newRun(id, downstream.name(), input,
                        null, null, 0, run.priority()).withLogicalTime(run.logicalTime()), trigger.upstream(),
                        run.logicalTime()));
            } else {
                String upstreamJson = output == null ? "null" : output.json();
                String json = downstream.inputType() == Upstream.class
                        ? host.codec().toJson(new Upstream(run.id(), run.workflow(), status, output == null ? null : output.json(),
                        error, run.logicalTime() == null ? null : Instant.ofEpochMilli(run.logicalTime())), "upstream")
                        : upstreamJson;
                String id = derivedId(run.id() + ".then." + downstream.name());
                writes.add(new Write.CreateRun(host.newRun(id, downstream.name(),
                        input(host, downstream, json), null, null, 0, run.priority()).withLogicalTime(run.logicalTime())));
            }
        }
        return writes;
    }

    /** The downstream input, normalised; kept as it is when it does not fit, so that the run fails saying why. */
    private static String input(RunHost host, WorkflowDefinition<?, ?> downstream, String json) {
        try {
            return host.codec().normalizeInput(json, downstream.inputType(), downstream.name());
        } catch (InvalidInputException e) {
            return json;
        }
    }

    /** A run id derived from what starts it, so that a second start finds the first; long ones are hashed. */
    public static String derivedId(String basis) {
        String id = basis.replaceAll("[^A-Za-z0-9._:-]", "_");
        if (id.length() <= 128) {
            return id;
        }
        String hash = UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8)).toString();
        return id.substring(0, 128 - hash.length() - 1) + "~" + hash;
    }
}
