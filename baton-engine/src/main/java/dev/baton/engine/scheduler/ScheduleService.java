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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
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
    /** How many schedules handled one at a time (a held fire, several fires to catch up) run side by side. */
    private static final int PARALLEL_SCHEDULES = 256;
    /** How many due schedules are read, decided and submitted together. */
    private static final int CHUNK = 512;

    private final RunHost host;
    private final ScheduleRegistry registry;
    private final Consumer<String> cancel;
    private long watchingSince = -1;
    /**
     * When each schedule next needs looking at, earliest first, so that a pass touches only the
     * schedules that are due, paused (re-read every second, since another process may resume
     * them) or holding a buffered fire; with thousands of schedules a pass stays cheap. An entry
     * is current while {@link #current} maps its schedule to it; a replaced one is dropped when it
     * reaches the head. Touched by the work loop's thread only.
     */
    private final PriorityQueue<Look> looks = new PriorityQueue<>(Comparator.comparingLong(Look::at));
    private final Map<String, Look> current = new HashMap<>();
    private final Map<String, Watched> byKey = new HashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    /**
     * Schedules whose fire is being recorded: the pass does not wait for the commit, so that fires
     * coming due meanwhile are submitted at once and land in the next commit. Such a schedule is
     * looked at again only once its fire is recorded (and its run launched), which
     * {@link #settled} reports.
     */
    private final Set<String> recording = new HashSet<>();
    private final Queue<Look> settled = new ConcurrentLinkedQueue<>();
    private static final long PASS_UNDER_WAY = Long.MIN_VALUE;
    /** When the work loop passes next (what {@link #tick()} returned), or {@link #PASS_UNDER_WAY}. */
    private volatile long plannedPass = PASS_UNDER_WAY;
    /**
     * For a schedule whose last fire was being recorded, the pass that submitted it: the schedule
     * was watched from then on, so under {@link CatchUp#none()} a fire that came due while it was
     * being recorded is on time, not missed.
     */
    private final Map<String, Long> recordingSince = new HashMap<>();
    /** By workflow, the input JSON of its scheduled runs. */
    private final Map<String, String> inputs = new HashMap<>();

    /** A registered schedule with its key in the maps above. */
    private record Watched(ScheduleRegistry.Entry entry, String key) {
        String workflow() {
            return entry.workflow();
        }

        Schedule schedule() {
            return entry.schedule();
        }
    }

    /** When a schedule next needs looking at (epoch ms). */
    private record Look(long at, Watched watched) {
    }

    /** A schedule of this pass with exactly one fire to decide, handled with the others in one go. */
    private record OneFire(Watched watched, Instant fire, long dueAt, long next) {
    }

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
        plannedPass = PASS_UNDER_WAY;
        long planned = PASS_UNDER_WAY;
        try {
            planned = pass();
            return planned;
        } finally {
            plannedPass = planned;
        }
    }

    private long pass() {
        long now = host.clock().millis();
        if (watchingSince < 0) {
            watchingSince = now;
            // Submitted together so that they share commits: thousands of schedules register in one go.
            List<CompletableFuture<List<Object>>> registered = new ArrayList<>();
            for (ScheduleRegistry.Entry entry : registry.entries()) {
                Watched watched = new Watched(entry, key(entry));
                byKey.put(watched.key(), watched);
                lookAt(watched, Long.MIN_VALUE);
            }
            for (ScheduleRegistry.Entry entry : registry.entries()) {
                registered.add(host.writer().submit(new Write.RegisterSchedule(entry.workflow(), entry.schedule().id(), now)));
            }
            registered.forEach(CompletableFuture::join);
        }
        for (Look done; (done = settled.poll()) != null; ) {
            recording.remove(done.watched().key());
            lookAt(done.watched(), done.at());
        }
        List<Watched> due = new ArrayList<>();
        while (!looks.isEmpty() && looks.peek().at() <= now) {
            Look look = looks.poll();
            if (current.get(look.watched().key()) == look) {
                current.remove(look.watched().key());
                due.add(look.watched());
            }
        }
        for (String key : holding) {
            if (current.remove(key) != null) {
                due.add(byKey.get(key));
            }
        }
        Map<Watched, Long> next = new HashMap<>();
        try {
            handle(due, now, next);
        } finally {
            // A schedule whose handling failed unexpectedly is looked at again shortly, never dropped.
            for (Watched watched : due) {
                Long at = next.get(watched);
                if (at != null) {
                    lookAt(watched, at);
                } else if (!recording.contains(watched.key())) {
                    lookAt(watched, now + 1_000);
                }
            }
        }
        watchingSince = now;
        while (!looks.isEmpty() && current.get(looks.peek().watched().key()) != looks.peek()) {
            looks.poll();
        }
        return looks.isEmpty() ? Long.MAX_VALUE : looks.peek().at();
    }

    private void lookAt(Watched watched, long at) {
        Look look = new Look(at, watched);
        current.put(watched.key(), look);
        looks.add(look);
    }

    /**
     * Handles the schedules due in this pass. Those with exactly one fire to decide and no held
     * fire (every schedule, in the usual case) are read with a few queries for all of them, and
     * their fires are submitted to the writer together, so that they share commits: thousands of
     * fires due at one instant start after a few transactions rather than one commit each. Each
     * fire is still its own {@link Write.RecordFire}, deciding its own overlap; the others (a held
     * fire, several fires to catch up) are handled one schedule at a time as before.
     *
     * @param next receives when to look at each of them next
     */
    private void handle(List<Watched> due, long now, Map<Watched, Long> next) {
        if (due.isEmpty()) {
            return;
        }
        List<Watched> oneByOne = new ArrayList<>();
        // A chunk at a time, so that the writer commits the first fires and their runs start while
        // the next chunk is read and decided.
        for (int from = 0; from < due.size(); from += CHUNK) {
            decideAndFire(due.subList(from, Math.min(due.size(), from + CHUNK)), now, next, oneByOne);
        }
        runOneByOne(oneByOne, now, next);
    }

    /**
     * Reads and decides these schedules; fires those with one fire to decide and no held fire, and
     * adds the others to {@code oneByOne}.
     */
    private void decideAndFire(List<Watched> chunk, long now, Map<Watched, Long> next, List<Watched> oneByOne) {
        Map<String, List<OneFire>> single = new HashMap<>();
        Map<String, List<Watched>> byWorkflow = new HashMap<>();
        for (Watched watched : chunk) {
            byWorkflow.computeIfAbsent(watched.workflow(), w -> new ArrayList<>()).add(watched);
        }
        for (Map.Entry<String, List<Watched>> group : byWorkflow.entrySet()) {
            String workflow = group.getKey();
            Map<String, ScheduleRow> rows;
            try {
                rows = rows(workflow, group.getValue(), now);
            } catch (RuntimeException e) {
                log.warn("the schedules of workflow {} could not be read: {}; trying again shortly", workflow, e.getMessage());
                group.getValue().forEach(w -> next.put(w, now + 1_000));
                continue;
            }
            for (Watched watched : group.getValue()) {
                ScheduleRow row = rows.get(watched.schedule().id());
                if (row == null || row.buffered() != null) {
                    oneByOne.add(watched);
                } else if (row.paused()) {
                    since(watched);
                    holding.remove(watched.key());
                    next.put(watched, now + PAUSED_RECHECK_MILLIS);
                } else {
                    Plan plan;
                    try {
                        plan = plan(workflow, watched.schedule(), row, now, since(watched));
                    } catch (RuntimeException e) {
                        log.warn("schedule '{}' of workflow {} could not be planned: {}; trying again shortly",
                                watched.schedule().id(), workflow, e.getMessage());
                        next.put(watched, now + 1_000);
                        continue;
                    }
                    if (plan.fires().size() == 1) {
                        single.computeIfAbsent(workflow, w -> new ArrayList<>()).add(new OneFire(watched,
                                plan.fires().get(0), Jitter.dueAt(workflow, watched.schedule(), plan.fires().get(0)).toEpochMilli(),
                                plan.next()));
                    } else if (plan.fires().isEmpty()) {
                        holding.remove(watched.key());
                        next.put(watched, plan.next());
                    } else {
                        oneByOne.add(watched);
                    }
                }
            }
        }
        if (!single.isEmpty()) {
            fireTogether(single, now, next);
        }
    }

    private void runOneByOne(List<Watched> oneByOne, long now, Map<Watched, Long> next) {
        if (oneByOne.size() == 1) {
            next.put(oneByOne.get(0), look(oneByOne.get(0), now, since(oneByOne.get(0))));
        } else if (!oneByOne.isEmpty()) {
            // Schedules are independent: handled side by side, their fires share the writer's commits.
            Semaphore slots = new Semaphore(PARALLEL_SCHEDULES);
            Map<Watched, Future<Long>> looked = new HashMap<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Watched watched : oneByOne) {
                    long since = since(watched);
                    slots.acquireUninterruptibly();
                    looked.put(watched, threads.submit(() -> {
                        try {
                            return look(watched, now, since);
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            looked.forEach((watched, result) -> next.put(watched, result.resultNow()));
        }
    }

    /** @return the rows of these schedules, registering any not stored yet */
    private Map<String, ScheduleRow> rows(String workflow, List<Watched> schedules, long now) {
        List<String> ids = schedules.stream().map(w -> w.schedule().id()).toList();
        Map<String, ScheduleRow> rows = ids.size() == 1
                ? host.store().schedule(workflow, ids.get(0)).map(row -> Map.of(ids.get(0), row)).orElse(Map.of())
                : host.store().schedules(workflow, ids);
        if (rows.size() == ids.size()) {
            return rows;
        }
        List<CompletableFuture<List<Object>>> registered = new ArrayList<>();
        for (String id : ids) {
            if (!rows.containsKey(id)) {
                registered.add(host.writer().submit(new Write.RegisterSchedule(workflow, id, now)));
            }
        }
        registered.forEach(CompletableFuture::join);
        return host.store().schedules(workflow, ids);
    }

    /** The fires of a schedule to decide now, and when it is next due (epoch ms, or MAX_VALUE). */
    private record Plan(List<Instant> fires, long next) {
    }

    /** @return since when a schedule has been watched (see {@link #recordingSince}); forgets the recording */
    private long since(Watched watched) {
        Long recording = recordingSince.remove(watched.key());
        return recording == null ? watchingSince : Math.min(watchingSince, recording);
    }

    private Plan plan(String workflow, Schedule schedule, ScheduleRow row, long now, long since) {
        long lastHandled = row.lastHandled() != null ? row.lastHandled() : row.registeredAt();
        boolean none = schedule.catchUp() instanceof CatchUp.None;
        // Under none(), a fire that came due since the last pass is on time, not missed: plan it as
        // latest() would and keep it only when it became due while this worker was watching.
        Schedule planned = none ? schedule.catchUp(CatchUp.latest()) : schedule;
        CatchUpPlan plan = CatchUpPlan.of(workflow, planned, Instant.ofEpochMilli(lastHandled), Instant.ofEpochMilli(now));
        List<Instant> fires = new ArrayList<>(plan.toStart().size());
        for (Instant fire : plan.toStart()) {
            if (!none || Jitter.dueAt(workflow, schedule, fire).toEpochMilli() > since) {
                fires.add(fire);
            }
        }
        return new Plan(fires, plan.next().map(f -> Jitter.dueAt(workflow, schedule, f).toEpochMilli()).orElse(Long.MAX_VALUE));
    }

    /**
     * Decides one fire for each of these schedules and submits all their {@link Write.RecordFire}
     * writes together without waiting for them: each run is launched once its fire is recorded,
     * and the schedule is looked at again from then on (see {@link #recording}).
     */
    private void fireTogether(Map<String, List<OneFire>> byWorkflow, long now, Map<Watched, Long> next) {
        for (Map.Entry<String, List<OneFire>> group : byWorkflow.entrySet()) {
            String workflow = group.getKey();
            Map<String, List<String>> running;
            try {
                List<String> ids = group.getValue().stream().map(o -> o.watched().schedule().id()).toList();
                running = ids.size() == 1
                        ? Map.of(ids.get(0), host.store().unfinishedScheduleRuns(workflow, ids.get(0)))
                        : host.store().unfinishedScheduleRuns(workflow, ids);
            } catch (RuntimeException e) {
                log.warn("the runs of the schedules of workflow {} could not be read: {}; trying again shortly",
                        workflow, e.getMessage());
                group.getValue().forEach(o -> next.put(o.watched(), now + 1_000));
                continue;
            }
            for (OneFire one : group.getValue()) {
                Schedule schedule = one.watched().schedule();
                List<String> previous = running.getOrDefault(schedule.id(), List.of());
                // No fire is held (the schedule's row said so a moment ago).
                OverlapDecision decision = OverlapPolicy.decide(schedule.overlap(),
                        new ScheduleRunState(previous, Optional.empty()), one.fire());
                RunRow run = null;
                FireRow row = switch (decision) {
                    case OverlapDecision.Start start -> {
                        run = runOf(workflow, schedule, one.fire());
                        yield fireRow(one, now, run.id(), ScheduleFire.Outcome.STARTED, start.reason());
                    }
                    case OverlapDecision.Skip skip -> fireRow(one, now, null, ScheduleFire.Outcome.SKIPPED, skip.reason());
                    case OverlapDecision.Buffer buffer -> fireRow(one, now, null, ScheduleFire.Outcome.BUFFERED, buffer.reason());
                    case OverlapDecision.CancelPreviousAndStart c -> {
                        c.cancel().forEach(cancel);
                        run = runOf(workflow, schedule, one.fire());
                        yield fireRow(one, now, run.id(), ScheduleFire.Outcome.STARTED, c.reason());
                    }
                };
                if (decision instanceof OverlapDecision.Buffer) {
                    holding.add(one.watched().key());
                } else {
                    holding.remove(one.watched().key());
                }
                recording.add(one.watched().key());
                recordingSince.put(one.watched().key(), now);
                RunRow toLaunch = run;
                host.writer().submit(new Write.RecordFire(row, run, false))
                        .whenComplete((result, failure) -> recorded(one, toLaunch, result, failure, now));
            }
        }
    }

    /** Launches the run of a fire once the fire is recorded; called by the writer as it commits. */
    private void recorded(OneFire one, RunRow run, List<Object> result, Throwable failure, long now) {
        long at = one.next();
        // A run created for another worker (or not launched here) is claimed by the work loop.
        boolean toClaim = false;
        try {
            if (failure != null) {
                log.warn("schedule '{}' of workflow {} could not fire: {}; trying again shortly",
                        one.watched().schedule().id(), one.watched().workflow(), failure.getMessage());
                at = now + 1_000;
            } else if (run != null && Boolean.TRUE.equals(result.get(0))) {
                // From the fire's due time to its commit, as on the one-schedule path.
                host.metrics().scheduleLateness(one.watched().workflow(), one.watched().schedule().id(),
                        host.clock().millis() - one.dueAt());
                if (run.owner() != null) {
                    host.launch(run, true);
                } else {
                    toClaim = true;
                }
            }
        } catch (RuntimeException e) {
            toClaim = true;
            log.warn("the run {} of schedule '{}' of workflow {} could not be launched here: {}; it is claimed shortly",
                    run.id(), one.watched().schedule().id(), one.watched().workflow(), e.getMessage());
        } finally {
            settled.add(new Look(at, one.watched()));
            // The work loop looks at the settled schedule at its next planned pass; it is woken now
            // only when that comes too late (or a pass is under way and its plan is not known yet).
            long planned = plannedPass;
            if (toClaim || planned == PASS_UNDER_WAY || at < planned) {
                host.poke();
            }
        }
    }

    private RunRow runOf(String workflow, Schedule schedule, Instant fire) {
        // The input is the same for every fire of a workflow: worked out once, not for each of thousands of fires.
        String input = inputs.computeIfAbsent(workflow, w -> ScheduledRuns.input(host, w));
        return ScheduledRuns.row(host, ScheduledRuns.fireRunId(workflow, schedule.id(), fire), workflow, null, fire, input);
    }

    private static FireRow fireRow(OneFire one, long now, String runId, ScheduleFire.Outcome outcome, String reason) {
        return new FireRow(one.watched().workflow(), one.watched().schedule().id(), one.fire().toEpochMilli(), one.dueAt(),
                now, runId, outcome.name(), reason);
    }

    private static String key(ScheduleRegistry.Entry entry) {
        return entry.workflow() + "\u0000" + entry.schedule().id();
    }

    /** Handles one schedule on its own: a held fire, several fires to catch up, or an unregistered one. */
    private long look(Watched watched, long now, long since) {
        try {
            return tick(watched.workflow(), watched.schedule(), now, since, watched.key());
        } catch (RuntimeException e) {
            log.warn("schedule '{}' of workflow {} could not fire: {}; trying again shortly",
                    watched.schedule().id(), watched.workflow(), e.getMessage());
            return now + 1_000;
        }
    }

    private long tick(String workflow, Schedule schedule, long now, long since, String key) {
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
            if (none && dueAt <= since) {
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
