package dev.baton.engine.scheduler;

import dev.baton.CatchUp;
import dev.baton.Schedule;
import dev.baton.ScheduleFire;
import dev.baton.engine.run.RunHost;
import dev.baton.engine.schedule.CatchUpPlan;
import dev.baton.engine.schedule.Jitter;
import dev.baton.engine.schedule.OverlapDecision;
import dev.baton.engine.schedule.OverlapPolicy;
import dev.baton.engine.schedule.ScheduleRunState;
import dev.baton.engine.store.FireRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.ScheduleRow;
import dev.baton.engine.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fires the registered schedules, called by the work loop on each pass. Each due fire is decided
 * with the schedule's overlap policy and recorded with {@link Write.RecordFire}, which creates the
 * fire's run in the same transaction as the fire's row: of several workers deciding the same
 * fire, only the first records it, so each fire starts at most one run in the whole cluster.
 *
 * <p>A fire is never early: it is handled once its due time (logical time plus jitter) has
 * passed. Missed fires follow the schedule's catch-up policy; under {@link CatchUp#none()}
 * only fires that came due while this worker was watching start.
 */
public final class ScheduleService {
    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);
    /** How often a paused schedule is read again, since it may be resumed by another process. */
    private static final long PAUSED_RECHECK_MILLIS = 1_000;
    /** How many schedules are handled at once in one pass. */
    private static final int PARALLEL_SCHEDULES = 256;

    private final RunHost host;
    private final ScheduleRegistry registry;
    private final Consumer<String> cancel;
    private long watchingSince = -1;
    /**
     * When each schedule next needs looking at (epoch ms), so that a pass reads the store only for
     * the schedules that are due, paused (re-read every second, since another process may resume
     * them) or holding a buffered fire; with thousands of schedules a pass stays cheap.
     */
    private final Map<String, Long> nextLook = new ConcurrentHashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();

    /**
     * @param host     the engine
     * @param registry the registered schedules
     * @param cancel   cancels a run (overlap CANCEL_PREVIOUS)
     */
    public ScheduleService(RunHost host, ScheduleRegistry registry, Consumer<String> cancel) {
        this.host = host;
        this.registry = registry;
        this.cancel = cancel;
    }

    /**
     * Handles every schedule's due fires and held fires.
     *
     * @return when the next fire is due (epoch ms), or {@link Long#MAX_VALUE} when none is
     */
    public long tick() {
        long now = host.clock().millis();
        if (watchingSince < 0) {
            watchingSince = now;
            // Submitted together so that they share commits: thousands of schedules register in one go.
            List<java.util.concurrent.CompletableFuture<List<Object>>> registered = new java.util.ArrayList<>();
            for (ScheduleRegistry.Entry entry : registry.entries()) {
                registered.add(host.writer().submit(new Write.RegisterSchedule(entry.workflow(), entry.schedule().id(), now)));
            }
            registered.forEach(java.util.concurrent.CompletableFuture::join);
        }
        long next = Long.MAX_VALUE;
        List<ScheduleRegistry.Entry> due = new ArrayList<>();
        for (ScheduleRegistry.Entry entry : registry.entries()) {
            long look = nextLook.getOrDefault(key(entry), Long.MIN_VALUE);
            if (look > now && !holding.contains(key(entry))) {
                next = Math.min(next, look);
            } else {
                due.add(entry);
            }
        }
        if (due.size() == 1) {
            next = Math.min(next, look(due.get(0), now));
        } else if (!due.isEmpty()) {
            // Schedules are independent: handled side by side, their fires share the writer's commits,
            // so that thousands of fires due at one instant start together rather than one commit each.
            Semaphore slots = new Semaphore(PARALLEL_SCHEDULES);
            List<Future<Long>> looked = new ArrayList<>(due.size());
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (ScheduleRegistry.Entry entry : due) {
                    slots.acquireUninterruptibly();
                    looked.add(threads.submit(() -> {
                        try {
                            return look(entry, now);
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            for (Future<Long> result : looked) {
                next = Math.min(next, result.resultNow());
            }
        }
        watchingSince = now;
        return next;
    }

    private static String key(ScheduleRegistry.Entry entry) {
        return entry.workflow() + "\u0000" + entry.schedule().id();
    }

    /** Handles one schedule and notes when to look at it next. */
    private long look(ScheduleRegistry.Entry entry, long now) {
        long due;
        try {
            due = tick(entry.workflow(), entry.schedule(), now, key(entry));
        } catch (RuntimeException e) {
            log.warn("schedule '{}' of workflow {} could not fire: {}; trying again shortly",
                    entry.schedule().id(), entry.workflow(), e.getMessage());
            due = now + 1_000;
        }
        nextLook.put(key(entry), due);
        return due;
    }

    private long tick(String workflow, Schedule schedule, long now, String key) {
        Optional<ScheduleRow> stored = host.store().schedule(workflow, schedule.id());
        if (stored.isEmpty()) {
            host.writer().submit(new Write.RegisterSchedule(workflow, schedule.id(), now)).join();
            stored = host.store().schedule(workflow, schedule.id());
        }
        ScheduleRow row = stored.orElseThrow();
        if (row.paused()) {
            holding.remove(key);
            return now + PAUSED_RECHECK_MILLIS;
        }
        startHeld(workflow, schedule, row, now);
        long lastHandled = row.lastHandled() != null ? row.lastHandled() : row.registeredAt();
        boolean none = schedule.catchUp() instanceof CatchUp.None;
        // Under none(), a fire that came due since the last pass is on time, not missed: plan it as
        // latest() would and keep it only when it became due while this worker was watching.
        Schedule planned = none ? schedule.catchUp(CatchUp.latest()) : schedule;
        Instant nowInstant = Instant.ofEpochMilli(now);
        CatchUpPlan plan = CatchUpPlan.of(workflow, planned, Instant.ofEpochMilli(lastHandled), nowInstant);
        for (Instant fire : plan.toStart()) {
            long dueAt = Jitter.dueAt(workflow, schedule, fire).toEpochMilli();
            if (none && dueAt <= watchingSince) {
                continue;
            }
            fire(workflow, schedule, fire, dueAt, now);
        }
        // A buffered fire starts when the running one ends: such a schedule is looked at every pass.
        if (host.store().schedule(workflow, schedule.id()).map(ScheduleRow::buffered).isPresent()) {
            holding.add(key);
        } else {
            holding.remove(key);
        }
        return plan.next().map(f -> Jitter.dueAt(workflow, schedule, f).toEpochMilli()).orElse(Long.MAX_VALUE);
    }

    private void fire(String workflow, Schedule schedule, Instant fire, long dueAt, long now) {
        List<String> running = host.store().unfinishedScheduleRuns(workflow, schedule.id());
        Optional<Instant> held = running.isEmpty() ? Optional.empty() : host.store().schedule(workflow, schedule.id())
                .map(ScheduleRow::buffered).map(Instant::ofEpochMilli);
        OverlapDecision decision = OverlapPolicy.decide(schedule.overlap(), new ScheduleRunState(running, held), fire);
        switch (decision) {
            case OverlapDecision.Start start -> start(workflow, schedule, fire, dueAt, now, start.reason(), false);
            case OverlapDecision.Skip skip -> record(new FireRow(workflow, schedule.id(), fire.toEpochMilli(), dueAt, now,
                    null, ScheduleFire.Outcome.SKIPPED.name(), skip.reason()), null, false);
            case OverlapDecision.Buffer buffer -> record(new FireRow(workflow, schedule.id(), fire.toEpochMilli(), dueAt,
                    now, null, ScheduleFire.Outcome.BUFFERED.name(), buffer.reason()), null, false);
            case OverlapDecision.CancelPreviousAndStart c -> {
                c.cancel().forEach(cancel);
                start(workflow, schedule, fire, dueAt, now, c.reason(), c.droppedBuffered().isPresent());
            }
        }
    }

    private void start(String workflow, Schedule schedule, Instant fire, long dueAt, long now, String reason,
                       boolean dropHeld) {
        RunRow run = ScheduledRuns.row(host, ScheduledRuns.fireRunId(workflow, schedule.id(), fire), workflow, null, fire);
        FireRow row = new FireRow(workflow, schedule.id(), fire.toEpochMilli(), dueAt, now, run.id(),
                ScheduleFire.Outcome.STARTED.name(), reason);
        boolean recorded = record(row, run, dropHeld);
        if (recorded) {
            host.metrics().scheduleLateness(workflow, schedule.id(), host.clock().millis() - dueAt);
        }
        if (recorded && run.owner() != null) {
            host.launch(run, true);
        } else {
            host.poke();
        }
    }

    private boolean record(FireRow fire, RunRow run, boolean dropHeld) {
        return Boolean.TRUE.equals(host.writer().submit(new Write.RecordFire(fire, run, dropHeld)).join().get(0));
    }

    /** Starts the held fire once the schedule's runs have all ended. */
    private void startHeld(String workflow, Schedule schedule, ScheduleRow row, long now) {
        if (row.buffered() == null || !host.store().unfinishedScheduleRuns(workflow, schedule.id()).isEmpty()) {
            return;
        }
        Instant fire = Instant.ofEpochMilli(row.buffered());
        RunRow run = ScheduledRuns.row(host, ScheduledRuns.fireRunId(workflow, schedule.id(), fire), workflow, null, fire);
        Object started = host.writer().submit(new Write.StartBufferedFire(workflow, schedule.id(), fire.toEpochMilli(),
                run, now)).join().get(0);
        if (Boolean.TRUE.equals(started) && run.owner() != null) {
            host.launch(run, true);
        } else if (Boolean.TRUE.equals(started)) {
            host.poke();
        }
    }
}
