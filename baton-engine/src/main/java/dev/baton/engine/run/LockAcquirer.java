package dev.baton.engine.run;

import dev.baton.LockPolicy;
import dev.baton.LockSpec;
import dev.baton.LockUnavailableException;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.LockGrant;
import dev.baton.engine.store.LockHolder;
import dev.baton.engine.store.LockWaiter;
import dev.baton.engine.store.Write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Takes the locks and pool slots a step (or a whole run, seq 0) needs, in name order so that two
 * holders never wait for each other, waiting in line durably according to each lock's policy.
 * Waiting is visible: the run is WAITING for "lock 'x' held by run R since T", and the timeline
 * records when it started waiting and when it got the lock with its fencing token.
 */
final class LockAcquirer {
    private final RunContext context;
    private final RunExecution execution;

    LockAcquirer(RunContext context, RunExecution execution) {
        this.context = context;
        this.execution = execution;
    }

    /**
     * @param names            the locks, in any order
     * @param seq              the holding step's sequence number, or 0 for the run
     * @param owner            what holds them, for messages, e.g. "step 'load'"
     * @param onWorkflowThread whether the thread may be released while waiting
     * @return the fencing token of each lock
     * @throws LockUnavailableException when a lock is taken under FAIL, or its maximum wait passed
     */
    Map<String, Long> acquire(List<String> names, int seq, String owner, boolean onWorkflowThread) {
        Map<String, Long> tokens = new LinkedHashMap<>();
        RunHost host = execution.host();
        for (String name : new TreeSet<>(names)) {
            LockSpec spec = host.lockSpec(name);
            if (spec == null) {
                throw new LockUnavailableException("lock '" + name + "' needed by " + owner + " of run " + execution.runId()
                        + " is not declared; declare it with BatonBuilder.lock(\"" + name + "\") or .pool(\"" + name + "\", slots)");
            }
            tokens.put(name, acquireOne(spec, seq, owner, onWorkflowThread));
        }
        return tokens;
    }

    private long acquireOne(LockSpec spec, int seq, String owner, boolean onWorkflowThread) {
        RunHost host = execution.host();
        long askedAt = host.clock().millis();
        // A resumed run may have joined the line in an earlier execution (it released its thread
        // while waiting, and was woken when the lock came free): its wait began then.
        Long inLineSince = execution.resumed() ? enqueuedAt(spec, seq) : null;
        if (execution.resumed() && inLineSince == null && handedOver(spec, seq) != null) {
            // Handed the lock while its thread was released: it left the line then; its wait
            // began when it joined the line, as its LOCK_WAITING event says.
            inLineSince = joinedLineAt(spec, owner);
        }
        LockGrant first = tryAcquire(spec, seq, askedAt);
        if (first.granted()) {
            acquired(spec, owner, first.token(), inLineSince == null ? null : host.clock().millis() - inLineSince);
            return first.token();
        }
        // The wait began when the run joined the line, possibly in an earlier execution of the run.
        Long enqueued = inLineSince != null ? inLineSince : enqueuedAt(spec, seq);
        long started = enqueued != null ? enqueued : host.clock().millis();
        String holders = describe(first.holders());
        if (spec.policy() == LockPolicy.FAIL) {
            waited(spec, "failed", started);
            leaveLine(seq);
            throw new LockUnavailableException("lock '" + spec.name() + "' needed by " + owner + " of run "
                    + execution.runId() + " is held by " + holders + " and its policy is FAIL");
        }
        if (spec.policy() == LockPolicy.SKIP) {
            waited(spec, "skipped", started);
            leaveLine(seq);
            throw new RunSkipped("lock '" + spec.name() + "' needed by " + owner + " was held by " + holders
                    + " and its policy is SKIP");
        }
        String waitingFor = "lock '" + spec.name() + "' held by " + holders + " since " + Instant.ofEpochMilli(started);
        if (started == askedAt) { // joined the line just now, not in an earlier execution of the run
            execution.record(new Write.AppendEvent(new EventRow(execution.runId(), host.clock().millis(), "LOCK_WAITING",
                    owner + " waits for " + waitingFor)));
        }
        Long deadline = spec.maxWait() == null ? null : started + spec.maxWait().toMillis();
        WaitResult<LockGrant> waited = context.waiting().await(seq, waitingFor, deadline, () -> {
            // A holder that releases hands its slot to the first in line: a read finds it granted.
            LockGrant handed = handedOver(spec, seq);
            if (handed != null) {
                return handed;
            }
            LockGrant grant = tryAcquire(spec, seq, host.clock().millis());
            return grant.granted() ? grant : null;
        }, onWorkflowThread);
        switch (waited.outcome()) {
            case READY -> {
                acquired(spec, owner, waited.value().token(), host.clock().millis() - started);
                return waited.value().token();
            }
            case DUE -> {
                waited(spec, "timed_out", started);
                leaveLine(seq);
                throw new LockUnavailableException("lock '" + spec.name() + "' needed by " + owner + " of run "
                        + execution.runId() + " was still held after the maximum wait of " + spec.maxWait());
            }
            default -> {
                waited(spec, "cancelled", started);
                leaveLine(seq);
                throw context.cancelledAt("waiting for lock '" + spec.name() + "'");
            }
        }
    }

    /** @return when this run's {@code owner} last joined the lock's line, from its events, or null */
    private Long joinedLineAt(LockSpec spec, String owner) {
        String joined = owner + " waits for lock '" + spec.name() + "'";
        Long at = null;
        for (EventRow event : execution.host().store().events(execution.runId())) {
            if (event.type().equals("LOCK_WAITING") && event.detail() != null && event.detail().startsWith(joined)) {
                at = event.at();
            }
        }
        return at;
    }

    /** @return when this run (step) joined the lock's line, or null when it is not in line */
    private Long enqueuedAt(LockSpec spec, int seq) {
        return execution.host().store().lockWaiters(spec.name()).stream()
                .filter(w -> w.runId().equals(execution.runId()) && w.seq() == seq)
                .map(LockWaiter::enqueuedAt).findFirst().orElse(null);
    }

    private void waited(LockSpec spec, String outcome, long since) {
        execution.host().metrics().lockWait(spec.name(), spec.slots() > 1, outcome, execution.host().clock().millis() - since);
    }

    private void acquired(LockSpec spec, String owner, long token, Long waitedMillis) {
        execution.host().metrics().lockWait(spec.name(), spec.slots() > 1, "acquired", waitedMillis == null ? 0 : waitedMillis);
        execution.record(new Write.AppendEvent(new EventRow(execution.runId(), execution.host().clock().millis(),
                "LOCK_ACQUIRED", owner + " holds lock '" + spec.name() + "' (fencing token " + token + ")"
                        + (waitedMillis == null ? "" : " after waiting " + waitedMillis + "ms"))));
    }

    private LockGrant handedOver(LockSpec spec, int seq) {
        for (LockHolder holder : execution.host().store().lockHolders(spec.name())) {
            if (holder.runId().equals(execution.runId()) && holder.seq() == seq) {
                return new LockGrant(true, holder.token(), List.of());
            }
        }
        return null;
    }

    private LockGrant tryAcquire(LockSpec spec, int seq, long now) {
        execution.askedForLock();
        return (LockGrant) execution.await(new Write.AcquireLock(spec.name(), execution.runId(), seq, spec.slots(),
                execution.row().priority(), now)).get(0);
    }

    /** Leaves the lines this step (or run) stands in and gives up what it holds; wakes who is next. */
    void release(int seq) {
        execution.await(this::wakeNext, new Write.ReleaseLocks(execution.runId(), seq, execution.host().clock().millis()));
    }

    /**
     * Gives up what the step holds in the same transaction as {@code before} (its completion), so
     * that the next in line waits for one commit.
     */
    void releaseWith(int seq, Write before) {
        execution.await(this::wakeNext, before, new Write.ReleaseLocks(execution.runId(), seq,
                execution.host().clock().millis()));
    }

    /**
     * Wakes the runs a release let go on, on the writer's thread right after the commit: the next
     * holder starts without waiting for the releasing run's thread to be scheduled again.
     *
     * @param results the committed writes' results, the release's (the woken runs) last
     */
    @SuppressWarnings("unchecked")
    private void wakeNext(List<Object> results) {
        execution.host().wakeRuns((List<String>) results.get(results.size() - 1));
    }

    private void leaveLine(int seq) {
        release(seq);
    }

    private static String describe(List<LockHolder> holders) {
        if (holders.isEmpty()) {
            return "runs ahead in line";
        }
        List<String> names = new ArrayList<>();
        for (LockHolder holder : holders) {
            names.add("run " + holder.runId() + (holder.seq() == 0 ? "" : " (step " + holder.seq() + ")"));
        }
        return names.stream().collect(Collectors.joining(", "));
    }
}
