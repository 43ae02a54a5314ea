package dev.baton.engine.simulate;

import dev.baton.LockPolicy;
import dev.baton.RunStatus;
import dev.baton.Schedule;
import dev.baton.Trigger;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.schedule.FireTimes;
import dev.baton.engine.schedule.Jitter;
import dev.baton.engine.schedule.OverlapDecision;
import dev.baton.engine.schedule.OverlapPolicy;
import dev.baton.engine.schedule.ScheduleRunState;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * One simulation: a discrete-event walk over the calendar. Fires come from the engine's own
 * {@link FireTimes} and {@link Jitter}; what a fire does while the schedule's previous run still
 * runs is the engine's {@link OverlapPolicy}; runs take their locks and pools in name order,
 * holding the ones they have while they wait in line for the next, first come first served, as
 * the engine's lock acquirer does; a run's end starts the workflows triggered by it.
 *
 * <p>Events at the same instant are handled in a fixed order, so that the result never depends
 * on chance: run ends (and maximum waits running out) before fires, then by workflow name.
 */
final class Simulator {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String CONCURRENCY_PREFIX = "workflow:";
    /** The most fires of one schedule in one simulation: a per-second schedule over a day and a bit. */
    static final int MAX_FIRES_PER_SCHEDULE = 100_000;

    private final Manifest manifest;
    private final Durations durations;
    private final Percentile percentile;
    private final Duration threshold;
    private final ZoneId zone;

    private final PriorityQueue<Event> queue = new PriorityQueue<>(Comparator.comparing(Event::at)
            .thenComparingInt(Event::order).thenComparing(Event::tie).thenComparingLong(Event::seq));
    private long seq;
    private final Map<String, LockState> locks = new HashMap<>();
    private final Map<String, List<Downstream>> triggersByUpstream = new LinkedHashMap<>();
    private final Map<String, Set<Instant>> completed = new HashMap<>();
    private final Set<String> fanInsStarted = new HashSet<>();
    private final Set<String> ids = new HashSet<>();
    private final List<Run> runs = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    Simulator(Manifest manifest, Durations durations, Percentile percentile, Duration threshold, ZoneId zone) {
        this.manifest = manifest;
        this.durations = durations;
        this.percentile = percentile;
        this.threshold = threshold;
        this.zone = zone;
        for (Manifest.LockItem lock : manifest.locks()) {
            locks.put(lock.name(), new LockState(lock.name(), lock.slots(), LockPolicy.valueOf(lock.policy()),
                    lock.maxWait() == null ? null : Duration.parse(lock.maxWait())));
        }
        for (Manifest.WorkflowItem workflow : manifest.workflows()) {
            if (workflow.concurrency() > 0) {
                String pool = CONCURRENCY_PREFIX + workflow.name();
                locks.put(pool, new LockState(pool, workflow.concurrency(), LockPolicy.WAIT, null));
            }
            for (Manifest.TriggerItem item : workflow.triggers()) {
                Trigger trigger = item.toTrigger();
                for (String upstream : trigger.upstream()) {
                    triggersByUpstream.computeIfAbsent(upstream, k -> new ArrayList<>())
                            .add(new Downstream(workflow.name(), trigger));
                }
            }
        }
    }

    /** A workflow started by the end of another's run. */
    private record Downstream(String workflow, Trigger trigger) {
    }

    /** What the engine keeps per schedule: its runs not yet ended and the fire held by BUFFER_ONE. */
    private static final class ScheduleState {
        final String workflow;
        final Schedule schedule;
        final List<Run> running = new ArrayList<>();
        Instant buffered;

        ScheduleState(String workflow, Schedule schedule) {
            this.workflow = workflow;
            this.schedule = schedule;
        }
    }

    /** A lock or pool: who holds it, who waits in line. */
    private static final class LockState {
        final String name;
        final int slots;
        final LockPolicy policy;
        final Duration maxWait;
        final List<Run> holders = new ArrayList<>();
        final Deque<Run> line = new ArrayDeque<>();

        LockState(String name, int slots, LockPolicy policy, Duration maxWait) {
            this.name = name;
            this.slots = slots;
            this.policy = policy;
            this.maxWait = maxWait;
        }

        boolean canGrant(Run run) {
            return holders.size() < slots && (line.isEmpty() || line.peekFirst() == run);
        }

        String holderNames() {
            return String.join(", ", holders.stream().map(r -> r.id).toList());
        }
    }

    private static final class Run {
        final String id;
        final String workflow;
        final String cause;
        final Instant logical;
        final Instant created;
        final ScheduleState schedule;
        final List<String> lockNames;
        final Set<String> held = new TreeSet<>();
        int next;
        Instant started;
        Instant ended;
        String status = RunStatus.WAITING.name();
        Instant waitingSince;
        StringBuilder waitedFor;

        Run(String id, String workflow, String cause, Instant logical, Instant created, ScheduleState schedule,
            List<String> lockNames) {
            this.id = id;
            this.workflow = workflow;
            this.cause = cause;
            this.logical = logical;
            this.created = created;
            this.schedule = schedule;
            this.lockNames = lockNames;
        }

        boolean ended() {
            return ended != null;
        }
    }

    private sealed interface Event {
        Instant at();

        int order();

        String tie();

        long seq();
    }

    private record Fire(Instant at, String tie, long seq, ScheduleState state, Instant logical) implements Event {
        public int order() {
            return 1;
        }
    }

    private record End(Instant at, String tie, long seq, Run run) implements Event {
        public int order() {
            return 0;
        }
    }

    private record WaitRanOut(Instant at, String tie, long seq, Run run, String lock) implements Event {
        public int order() {
            return 0;
        }
    }

    SimulationReport run(Instant from, Instant to, List<String> assumptions) {
        for (Manifest.WorkflowItem workflow : manifest.workflows()) {
            for (Manifest.ScheduleItem item : workflow.schedules()) {
                Schedule schedule = item.toSchedule();
                ScheduleState state = new ScheduleState(workflow.name(), schedule);
                List<Instant> fires = FireTimes.of(schedule).between(from, to, MAX_FIRES_PER_SCHEDULE + 1);
                if (fires.size() > MAX_FIRES_PER_SCHEDULE) {
                    throw new IllegalArgumentException("schedule '" + item.id() + "' of workflow '" + workflow.name()
                            + "' fires more than " + MAX_FIRES_PER_SCHEDULE + " times in the simulated range; simulate fewer days");
                }
                for (Instant logical : fires) {
                    queue.add(new Fire(Jitter.dueAt(workflow.name(), schedule, logical), workflow.name(), seq++, state, logical));
                }
            }
        }
        while (!queue.isEmpty()) {
            Event event = queue.poll();
            switch (event) {
                case Fire f -> fire(f.state(), f.logical(), f.at());
                case End e -> {
                    if (!e.run().ended()) {
                        finish(e.run(), e.at(), RunStatus.COMPLETED);
                    }
                }
                case WaitRanOut w -> waitRanOut(w.run(), w.lock(), w.at());
            }
        }
        for (Run run : runs) {
            Optional<Duration> deadline = durations.deadline(run.workflow);
            if (!run.ended() && deadline.isPresent() && run.logical.plus(deadline.get()).isBefore(to)) {
                Instant due = run.logical.plus(deadline.get());
                findings.add(new Finding(Finding.Kind.DEADLINE_MISSED, run.workflow, due, run.logical, null,
                        run.id + " had not ended by its deadline " + local(due) + " (" + text(deadline.get())
                                + " after its logical time); it is " + run.status.toLowerCase() + " at the end of the simulation"));
            }
        }
        findings.sort(Comparator.comparing(Finding::at).thenComparing(Finding::kind).thenComparing(Finding::workflow));
        List<SimulatedRun> laid = runs.stream().map(r -> new SimulatedRun(r.id, r.workflow, r.cause, r.logical, r.created,
                r.started, r.ended, r.status, r.waitingSince == null ? Duration.ZERO
                : Duration.between(r.created, r.started != null ? r.started : r.ended != null ? r.ended : to),
                r.waitedFor == null ? null : r.waitedFor.toString())).toList();
        return new SimulationReport(from, to, zone, percentile, threshold, laid, findings, assumptions);
    }

    private void fire(ScheduleState state, Instant logical, Instant now) {
        ScheduleRunState current = new ScheduleRunState(state.running.stream().map(r -> r.id).toList(),
                Optional.ofNullable(state.buffered));
        OverlapDecision decision = OverlapPolicy.decide(state.schedule.overlap(), current, logical);
        String fire = "fire " + local(logical) + " of schedule '" + state.schedule.id() + "'";
        switch (decision) {
            case OverlapDecision.Start ignored -> start(state.workflow, "schedule " + state.schedule.id(), logical, now, state);
            case OverlapDecision.Skip skip -> findings.add(new Finding(Finding.Kind.FIRE_SKIPPED, state.workflow, now,
                    logical, null, fire + " skipped: " + skip.reason()));
            case OverlapDecision.Buffer buffer -> {
                buffer.replaced().ifPresent(replaced -> findings.add(new Finding(Finding.Kind.FIRE_SKIPPED,
                        state.workflow, now, replaced, null, "held fire " + local(replaced) + " of schedule '"
                        + state.schedule.id() + "' skipped: replaced by the later " + fire + " (overlap BUFFER_ONE)")));
                state.buffered = buffer.fire();
            }
            case OverlapDecision.CancelPreviousAndStart cancel -> {
                cancel.droppedBuffered().ifPresent(dropped -> findings.add(new Finding(Finding.Kind.FIRE_SKIPPED,
                        state.workflow, now, dropped, null, "held fire " + local(dropped) + " dropped by the " + fire
                        + " (overlap CANCEL_PREVIOUS)")));
                state.buffered = null;
                for (Run previous : List.copyOf(state.running)) {
                    findings.add(new Finding(Finding.Kind.CANCELLED, previous.workflow, now, previous.logical, null,
                            previous.id + " cancelled by the " + fire + ": " + cancel.reason()));
                    finish(previous, now, RunStatus.CANCELLED);
                }
                start(state.workflow, "schedule " + state.schedule.id(), logical, now, state);
            }
        }
    }

    private void start(String workflow, String cause, Instant logical, Instant now, ScheduleState state) {
        Manifest.WorkflowItem item = manifest.workflow(workflow).orElseThrow();
        List<String> names = new ArrayList<>(item.locks());
        if (item.concurrency() > 0) {
            names.add(CONCURRENCY_PREFIX + workflow);
        }
        Run run = new Run(uniqueId(workflow + "@" + local(logical)), workflow, cause, logical, now, state,
                List.copyOf(new TreeSet<>(names)));
        runs.add(run);
        if (state != null) {
            state.running.add(run);
        }
        acquireNext(run, now);
    }

    /** Takes the run's locks in name order from where it stands; starts its work once it holds them all. */
    private void acquireNext(Run run, Instant now) {
        while (run.next < run.lockNames.size()) {
            String name = run.lockNames.get(run.next);
            LockState lock = locks.get(name);
            if (lock == null) { // a manifest that names an undeclared lock: the engine would fail the run
                findings.add(new Finding(Finding.Kind.LOCK_FAILED, run.workflow, now, run.logical, null,
                        run.id + " failed: lock '" + name + "' is not declared"));
                finish(run, now, RunStatus.FAILED);
                return;
            }
            if (lock.canGrant(run)) {
                lock.line.remove(run);
                lock.holders.add(run);
                run.held.add(name);
                run.next++;
                continue;
            }
            String holders = lock.holderNames().isEmpty() ? "runs ahead in line" : lock.holderNames();
            switch (lock.policy) {
                case SKIP -> {
                    findings.add(new Finding(Finding.Kind.LOCK_SKIPPED, run.workflow, now, run.logical, null,
                            run.id + " skipped: lock '" + name + "' was held by " + holders + " and its policy is SKIP"));
                    finish(run, now, RunStatus.SKIPPED);
                    return;
                }
                case FAIL -> {
                    findings.add(new Finding(Finding.Kind.LOCK_FAILED, run.workflow, now, run.logical, null,
                            run.id + " failed: lock '" + name + "' was held by " + holders + " and its policy is FAIL"));
                    finish(run, now, RunStatus.FAILED);
                    return;
                }
                case WAIT -> {
                    if (!lock.line.contains(run)) {
                        lock.line.addLast(run);
                        if (run.waitingSince == null) {
                            run.waitingSince = now;
                        }
                        run.waitedFor = (run.waitedFor == null ? new StringBuilder() : run.waitedFor.append("; "))
                                .append("lock '").append(name).append("' held by ").append(holders);
                        if (lock.maxWait != null) {
                            queue.add(new WaitRanOut(now.plus(lock.maxWait), run.workflow, seq++, run, name));
                        }
                    }
                    return;
                }
            }
        }
        run.started = now;
        run.status = RunStatus.RUNNING.name();
        if (run.waitingSince != null) {
            Duration waited = Duration.between(run.created, now);
            boolean isLong = waited.compareTo(threshold) > 0;
            findings.add(new Finding(isLong ? Finding.Kind.LONG_WAIT : Finding.Kind.LOCK_WAIT, run.workflow, run.created,
                    run.logical, waited, run.id + " waited " + text(waited) + " for " + run.waitedFor + "; started "
                    + local(now)));
        }
        queue.add(new End(now.plus(durations.of(run.workflow, run.logical, percentile)), run.workflow, seq++, run));
    }

    private void waitRanOut(Run run, String lock, Instant now) {
        LockState state = locks.get(lock);
        if (run.ended() || !state.line.contains(run)) {
            return; // it got the lock, or ended otherwise, before its maximum wait passed
        }
        findings.add(new Finding(Finding.Kind.LOCK_FAILED, run.workflow, now, run.logical, state.maxWait,
                run.id + " failed: lock '" + lock + "' was still held by " + state.holderNames()
                        + " after its maximum wait of " + text(state.maxWait)));
        finish(run, now, RunStatus.FAILED);
    }

    private void finish(Run run, Instant now, RunStatus status) {
        run.ended = now;
        run.status = status.name();
        release(run, now);
        Optional<Duration> deadline = durations.deadline(run.workflow);
        if (deadline.isPresent() && now.isAfter(run.logical.plus(deadline.get()))) {
            Instant due = run.logical.plus(deadline.get());
            findings.add(new Finding(Finding.Kind.DEADLINE_MISSED, run.workflow, due, run.logical, Duration.between(due, now),
                    run.id + " ended " + local(now) + ", " + text(Duration.between(due, now)) + " after its deadline "
                            + local(due) + " (" + text(deadline.get()) + " after its logical time)"));
        }
        if (status == RunStatus.COMPLETED) {
            completed.computeIfAbsent(run.workflow, k -> new HashSet<>()).add(run.logical);
        }
        if (run.schedule != null) {
            ScheduleState state = run.schedule;
            state.running.remove(run);
            if (state.running.isEmpty() && state.buffered != null) {
                Instant held = state.buffered;
                state.buffered = null;
                start(state.workflow, "schedule " + state.schedule.id() + " (held fire)", held, now, state);
            }
        }
        for (Downstream downstream : triggersByUpstream.getOrDefault(run.workflow, List.of())) {
            if (!downstream.trigger().when().matches(status)) {
                continue;
            }
            if (downstream.trigger().fanIn()) {
                boolean all = downstream.trigger().upstream().stream()
                        .allMatch(u -> completed.getOrDefault(u, Set.of()).contains(run.logical));
                if (all && fanInsStarted.add(downstream.workflow() + "@" + run.logical)) {
                    start(downstream.workflow(), "trigger after all of "
                            + String.join(", ", downstream.trigger().upstream()), run.logical, now, null);
                }
            } else {
                start(downstream.workflow(), "trigger after " + run.workflow, run.logical, now, null);
            }
        }
    }

    /** Gives up what the run holds and its place in any line; serves the lines of what it freed. */
    private void release(Run run, Instant now) {
        List<LockState> freed = new ArrayList<>();
        for (String name : run.held) {
            LockState lock = locks.get(name);
            lock.holders.remove(run);
            freed.add(lock);
        }
        run.held.clear();
        for (LockState lock : locks.values()) {
            if (lock.line.remove(run)) {
                freed.add(lock);
            }
        }
        for (LockState lock : freed) {
            while (lock.holders.size() < lock.slots && !lock.line.isEmpty()) {
                acquireNext(lock.line.peekFirst(), now);
            }
        }
    }

    private String uniqueId(String base) {
        String id = base;
        for (int n = 2; !ids.add(id); n++) {
            id = base + " #" + n;
        }
        return id;
    }

    private String local(Instant instant) {
        return LOCAL.format(instant.atZone(zone));
    }

    /** @param duration a duration @return it for people: {@code 2h10m}, {@code 45s} */
    static String text(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            out.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || out.isEmpty()) {
            out.append(duration.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
