package dev.baton.engine.run;

import dev.baton.RunEvent;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Write;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Durable waiting: a run waits in memory while the wait is short, and releases its thread when
 * it is long (the run is then resumed by replay when due, by any worker). Everything that ends
 * a wait (the time, a signal, a child's end, a cancel) is also visible in the store, so the wait
 * survives a restart.
 */
final class Waiting {
    private final RunContext context;
    private final RunExecution execution;

    Waiting(RunContext context, RunExecution execution) {
        this.context = context;
        this.execution = execution;
    }

    /**
     * Waits until {@code check} yields a value, the deadline passes, or the run is cancelled.
     *
     * @param seq        the sequence number of the call that waits (0 for the run's own locks)
     * @param waitingFor what is awaited, in words, for the store and the UI
     * @param deadline   epoch ms, or null for none
     * @param check      yields the awaited value, or null while absent; null for a pure timer
     * @param mayRelease whether the thread may be released (only the workflow's own thread may)
     * @param <T>        the awaited value's type
     * @return how the wait ended
     */
    <T> WaitResult<T> await(int seq, String waitingFor, Long deadline, Supplier<T> check, boolean mayRelease) {
        RunHost host = execution.host();
        long limit = host.inMemoryWaitMillis();
        long parked = 0;
        boolean marked = false;
        boolean inMemory = true;
        execution.enterWait();
        try {
            while (true) {
                context.guard();
                if (execution.cancelRequested() && !context.cancelDelivered()) {
                    return WaitResult.cancelled();
                }
                T value = check == null ? null : check.get();
                if (value != null) {
                    return WaitResult.ready(value);
                }
                long now = host.clock().millis();
                if (deadline != null && now >= deadline) {
                    return WaitResult.due();
                }
                if (!marked) {
                    context.stopIfAsked(seq, "wait for " + describe(waitingFor, deadline));
                }
                long remaining = deadline == null ? Long.MAX_VALUE : deadline - now;
                boolean timerOnly = check == null;
                if (mayRelease && ((timerOnly && remaining > limit) || parked >= limit)) {
                    // From now on a wake-up finds no thread here: whoever wakes the run pokes the work loop.
                    inMemory = false;
                    execution.leaveWait();
                    release(waitingFor, deadline, check);
                }
                if (!marked) {
                    marked = true;
                    host.metrics().parked();
                    execution.record(new Write.MarkWaiting(execution.runId(), deadline, waitingFor, false, now));
                    execution.emit(RunEvent.Type.RUN_WAITING, null, 0, 0, describe(waitingFor, deadline));
                }
                long slice = Math.min(remaining, mayRelease ? limit - parked : limit);
                long before = host.clock().millis();
                execution.park(Math.max(1, slice));
                parked += Math.max(1, host.clock().millis() - before);
            }
        } finally {
            if (inMemory) {
                execution.leaveWait();
            }
            if (marked) {
                host.metrics().unparked();
            }
            if (marked && !context.unwinding()) {
                long now = host.clock().millis();
                execution.record(new Write.MarkRunning(execution.runId(), host.workerId(), now + host.leaseMillis(), now));
            }
        }
    }

    /** Releases the run's thread: the run becomes claimable by any worker when due. */
    private void release(String waitingFor, Long deadline, Supplier<?> check) {
        context.beginUnwinding();
        context.awaitOutstanding();
        RunHost host = execution.host();
        long now = host.clock().millis();
        execution.await(new Write.MarkWaiting(execution.runId(), deadline, waitingFor, true, now),
                new Write.AppendEvent(new EventRow(execution.runId(), now, "RUN_WAITING", describe(waitingFor, deadline))));
        execution.emit(RunEvent.Type.RUN_WAITING, null, 0, 0, describe(waitingFor, deadline) + " (thread released)");
        // What arrived between the last check and the release would otherwise sleep until the deadline.
        boolean arrived = (check != null && check.get() != null) || execution.cancelRequested()
                || host.store().findRun(execution.runId()).map(RunRow::cancelRequested).orElse(false);
        if (arrived) {
            execution.await(new Write.WakeRun(execution.runId(), host.clock().millis()));
        }
        host.poke();
        throw new Unwind("waiting for " + waitingFor);
    }

    static String describe(String waitingFor, Long deadline) {
        return deadline == null ? waitingFor : waitingFor + " until " + Instant.ofEpochMilli(deadline);
    }

    static <T> Supplier<T> optionalCheck(Supplier<Optional<T>> lookup) {
        return () -> lookup.get().orElse(null);
    }
}
