package dev.baton.engine.scheduler;

import dev.baton.Schedule;
import dev.baton.ScheduleFire;
import dev.baton.ScheduleInfo;
import dev.baton.engine.run.RunHost;
import dev.baton.engine.schedule.Backfill;
import dev.baton.engine.schedule.BackfillParallelism;
import dev.baton.engine.schedule.CatchUpPlan;
import dev.baton.engine.schedule.Jitter;
import dev.baton.engine.store.CreateResult;
import dev.baton.engine.store.FireRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.ScheduleRow;
import dev.baton.engine.store.Write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What people do with schedules through {@link dev.baton.Baton}: pause and resume them, look at
 * their state and fires, and backfill a past range.
 */
public final class ScheduleControl {
    private final RunHost host;
    private final ScheduleRegistry registry;

    /**
     * @param host     the engine
     * @param registry the registered schedules
     */
    public ScheduleControl(RunHost host, ScheduleRegistry registry) {
        this.host = host;
        this.registry = registry;
    }

    /**
     * Pauses or resumes a schedule in every worker sharing the store.
     *
     * @param workflow   the workflow
     * @param scheduleId the schedule's id
     * @param paused     the new state
     */
    public void setPaused(String workflow, String scheduleId, boolean paused) {
        registry.require(workflow, scheduleId);
        host.writer().submit(new Write.RegisterSchedule(workflow, scheduleId, host.clock().millis()),
                new Write.SetSchedulePaused(workflow, scheduleId, paused)).join();
        host.poke();
    }

    /** @return every schedule with its stored state */
    public List<ScheduleInfo> infos() {
        Instant now = Instant.ofEpochMilli(host.clock().millis());
        List<ScheduleInfo> infos = new ArrayList<>();
        for (ScheduleRegistry.Entry e : registry.entries()) {
            Schedule s = e.schedule();
            Optional<ScheduleRow> row = host.store().schedule(e.workflow(), s.id());
            Long last = row.map(ScheduleRow::lastHandled).orElse(null);
            Instant from = Instant.ofEpochMilli(last != null ? last : row.map(ScheduleRow::registeredAt).orElse(now.toEpochMilli()));
            Instant next = CatchUpPlan.of(e.workflow(), s, from.isAfter(now) ? now : from, now).next().orElse(null);
            infos.add(new ScheduleInfo(e.workflow(), s.id(), describe(s), row.map(ScheduleRow::paused).orElse(false), next,
                    next == null ? null : Jitter.dueAt(e.workflow(), s, next), last == null ? null : Instant.ofEpochMilli(last)));
        }
        return infos;
    }

    /**
     * @param workflow   the workflow
     * @param scheduleId the schedule's id
     * @param limit      the most fires, 1 to 10,000
     * @return its fires, newest first
     */
    public List<ScheduleFire> fires(String workflow, String scheduleId, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        registry.require(workflow, scheduleId);
        return host.store().fires(workflow, scheduleId, limit).stream().map(ScheduleControl::fire).toList();
    }

    /**
     * Starts one run per logical fire of the range, each holding a slot of the backfill's pool.
     *
     * @return the ids of the range's runs, oldest first
     */
    public List<String> backfill(String workflow, String scheduleId, Instant from, Instant to, int parallelism) {
        Schedule schedule = registry.require(workflow, scheduleId);
        if (parallelism < 1) {
            throw new IllegalArgumentException("workflow '" + workflow + "', schedule '" + scheduleId
                    + "': backfill parallelism must be >= 1, was " + parallelism);
        }
        Backfill plan = Backfill.plan(workflow, schedule, from, to, Instant.ofEpochMilli(host.clock().millis()),
                Backfill.DEFAULT_MAX_FIRES, BackfillParallelism.of(parallelism));
        String pool = BackfillPool.name(workflow, scheduleId, parallelism);
        List<RunRow> rows = new ArrayList<>();
        for (Instant fire : plan.fires()) {
            rows.add(ScheduledRuns.row(host, ScheduledRuns.backfillRunId(workflow, scheduleId, fire), workflow,
                    BackfillPool.idempotencyKey(pool, fire), fire));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> results = host.writer().submit(rows.stream().map(Write.CreateRun::new).toArray(Write[]::new)).join();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CreateResult result = (CreateResult) results.get(i);
            ids.add(result.runId());
            if (result.created() && rows.get(i).owner() != null) {
                host.launch(rows.get(i), true);
            }
        }
        host.poke();
        return ids;
    }

    private static ScheduleFire fire(FireRow f) {
        return new ScheduleFire(f.workflow(), f.scheduleId(), Instant.ofEpochMilli(f.logicalTime()),
                Instant.ofEpochMilli(f.dueAt()), Instant.ofEpochMilli(f.recordedAt()), f.runId(),
                ScheduleFire.Outcome.valueOf(f.outcome()), f.reason());
    }

    private static String describe(Schedule s) {
        String what = s.kind() == Schedule.Kind.CRON ? "cron '" + s.expression() + "' in " + s.zone().getId()
                : "every " + s.interval() + (s.startingAt().equals(Schedule.DEFAULT_START) ? "" : " from " + s.startingAt());
        return what + ", overlap " + s.overlap() + ", catch-up " + s.catchUp()
                + (s.jitter().isZero() ? "" : ", jitter " + s.jitter());
    }
}
