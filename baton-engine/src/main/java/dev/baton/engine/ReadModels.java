package dev.baton.engine;

import dev.baton.AttemptInfo;
import dev.baton.LockSpec;
import dev.baton.Trigger;
import dev.baton.WorkflowDefinition;
import dev.baton.WorkflowInfo;
import dev.baton.RunInfo;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.TimelineEvent;
import dev.baton.engine.codec.Codec;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns stored rows into the public read models. */
final class ReadModels {
    private final Codec codec;

    ReadModels(Codec codec) {
        this.codec = codec;
    }

    RunInfo run(RunRow row) {
        return new RunInfo(row.id(), row.workflow(), row.status(), row.input(), row.output(), codec.parseError(row.error()),
                row.idempotencyKey(), row.parentRunId(), instant(row.createdAt()), instant(row.startedAt()),
                instant(row.endedAt()), instant(row.updatedAt()), instant(row.wakeAt()), row.waitingFor(),
                row.cancelRequested(), row.owner(), instant(row.logicalTime()), row.codeVersion());
    }

    List<StepInfo> steps(List<StepRow> rows, List<AttemptRow> failedAttempts) {
        Map<Integer, List<AttemptInfo>> attempts = new HashMap<>();
        for (AttemptRow attempt : failedAttempts) {
            attempts.computeIfAbsent(attempt.seq(), seq -> new ArrayList<>()).add(new AttemptInfo(attempt.attempt(),
                    instant(attempt.startedAt()), instant(attempt.endedAt()), codec.parseError(attempt.error()),
                    instant(attempt.nextAttemptAt())));
        }
        List<StepInfo> steps = new ArrayList<>(rows.size());
        for (StepRow row : rows) {
            List<AttemptInfo> all = new ArrayList<>(attempts.getOrDefault(row.seq(), List.of()));
            boolean lastIsFailedRow = all.stream().anyMatch(a -> a.attempt() == row.attempts());
            if (row.kind() == StepKind.STEP && row.status() != StepStatus.WAITING && !lastIsFailedRow) {
                boolean failed = row.status() == StepStatus.FAILED || row.status() == StepStatus.CANCELLED;
                all.add(new AttemptInfo(row.attempts(), instant(row.startedAt()), instant(row.endedAt()),
                        failed ? codec.parseError(row.error()) : null, null));
            }
            Instant started = all.isEmpty() ? instant(row.startedAt()) : all.get(0).startedAt();
            steps.add(new StepInfo(row.seq(), row.name(), row.kind(), row.status(), started, instant(row.endedAt()),
                    instant(row.wakeAt()), row.output(), codec.parseError(row.error()), row.detail(), all));
        }
        return steps;
    }

    /**
     * @param definition a registered workflow
     * @param triggers   what starts it when other workflows end
     * @param lockSpecs  the declared locks and pools, by name
     */
    static WorkflowInfo workflow(WorkflowDefinition<?, ?> definition, List<Trigger> triggers,
                                 Function<String, LockSpec> lockSpecs) {
        return new WorkflowInfo(definition.name(), definition.inputType().getTypeName(), definition.description(),
                definition.workflow().getClass().getName(), definition.owner(), definition.runbook(), triggers,
                definition.locks().stream().map(lockSpecs).toList(), definition.deadline());
    }

    List<TimelineEvent> timeline(RunRow run, List<EventRow> events) {
        List<TimelineEvent> timeline = new ArrayList<>(events.size() + 1);
        timeline.add(new TimelineEvent(instant(run.createdAt()), "RUN_CREATED", "workflow " + run.workflow()
                + (run.parentRunId() == null ? "" : ", child of run " + run.parentRunId())));
        for (EventRow event : events) {
            timeline.add(new TimelineEvent(instant(event.at()), event.type(), event.detail()));
        }
        return timeline;
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
