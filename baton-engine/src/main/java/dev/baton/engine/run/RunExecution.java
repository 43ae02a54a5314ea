package dev.baton.engine.run;

import dev.baton.ErrorInfo;
import dev.baton.PayloadException;
import dev.baton.RunCancelledException;
import dev.baton.RunEvent;
import dev.baton.RunStatus;
import dev.baton.StoreException;
import dev.baton.Workflow;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.codec.Encoded;
import dev.baton.engine.store.CreateResult;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import dev.baton.engine.observe.EngineTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One in-memory execution of a run on its own virtual thread: loads the run's history, calls the
 * workflow method (which replays recorded calls and executes the rest), and records how the run
 * ended. A run may have several executions over its life (after long waits, restarts, crashes);
 * at most one at a time per process, and the store's lease keeps it to one across processes.
 */
public final class RunExecution implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final RunHost host;
    private final RunRow run;
    private final WorkflowDefinition<?, ?> definition;
    private final boolean fresh;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final dev.baton.engine.EngineClock.Parker wakeups;
    private final StepThreads stepThreads = new StepThreads();
    /** Threads of this execution in {@link Waiting#await}, which re-check what they wait for when woken. */
    private final java.util.concurrent.atomic.AtomicInteger waitingInMemory = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Whether the run may hold a lock or stand in a lock's line: once it asked for one, and always
     * when an earlier execution of it may have.
     */
    private volatile boolean mayHoldLocks;
    private volatile boolean cancelRequested;
    private volatile boolean stopping;
    private volatile Throwable storeFailure;
    private volatile Throwable failure;
    /** The span of this execution of the run; the parent of its step spans. */
    private Span span = Span.getInvalid();

    /**
     * @param host       the engine
     * @param run        the run, owned by this worker
     * @param definition its workflow
     * @param fresh      true for a run just created here
     */
    public RunExecution(RunHost host, RunRow run, WorkflowDefinition<?, ?> definition, boolean fresh) {
        this.host = host;
        this.run = run;
        this.definition = definition;
        this.fresh = fresh;
        this.cancelRequested = run.cancelRequested();
        this.mayHoldLocks = !fresh;
        this.wakeups = host.clock().newParker();
    }

    /** @return the run's id */
    public String runId() {
        return run.id();
    }

    /** @return the run as it was claimed or created */
    public RunRow row() {
        return run;
    }

    /** @return completes when this execution has ended */
    public CompletableFuture<Void> done() {
        return done;
    }

    /**
     * @return what made the run fail in this execution (a {@link dev.baton.NonDeterminismException}
     *         when the code no longer matches history), or null when it did not fail
     */
    public Throwable failure() {
        return failure;
    }

    RunHost host() {
        return host;
    }

    WorkflowDefinition<?, ?> definition() {
        return definition;
    }

    /** @return true unless this is the run's first execution, just created here */
    boolean resumed() {
        return !fresh;
    }

    /** @return the span of this execution, the parent of its steps' spans */
    Span span() {
        return span;
    }

    @Override
    public void run() {
        MDC.put("runId", run.id());
        MDC.put("workflow", run.workflow());
        RunContext context = null;
        span = host.tracing().startRun(run.id(), run.workflow(), !fresh);
        Throwable failed = null;
        try (Scope ignored = span.makeCurrent()) {
            Map<Integer, StepRow> history = fresh ? Map.of() : loadHistory();
            long now = host.clock().millis();
            if (!fresh) {
                List<Object> marked = await(new Write.MarkRunning(run.id(), host.workerId(), now + host.leaseMillis(), now));
                if (!Boolean.TRUE.equals(marked.get(0))) {
                    return; // finished meanwhile (cancelled while pending, or by another worker)
                }
            }
            boolean firstStart = fresh || run.startedAt() == null;
            if (firstStart) {
                host.metrics().runStarted(run.workflow());
            }
            host.writer().record(this::storeFailed, new Write.AppendEvent(new EventRow(run.id(), now,
                    firstStart ? "RUN_STARTED" : "RUN_RESUMED",
                    firstStart ? "on worker " + host.workerId()
                            : "on worker " + host.workerId() + ", replaying " + history.size() + " recorded calls")));
            emit(firstStart ? RunEvent.Type.RUN_STARTED : RunEvent.Type.RUN_RESUMED, null, 0, 0,
                    firstStart ? null : "replaying " + history.size() + " recorded calls");
            context = new RunContext(this, history);
            Object input = host.codec().decodeInput(run.input(), definition.inputType(), run.workflow());
            context.acquireRunLocks(input);
            @SuppressWarnings("unchecked")
            Workflow<Object, Object> workflow = (Workflow<Object, Object>) definition.workflow();
            Object output = workflow.run(context, input);
            context.afterReturn();
            if (context.cancelDelivered()) {
                finish(RunStatus.CANCELLED, null, host.codec().errorInfo(new RunCancelledException(run.id(), null)));
            } else {
                Encoded encoded;
                try {
                    encoded = host.codec().encode(output, "result of workflow " + run.workflow());
                } catch (PayloadException e) {
                    finish(RunStatus.FAILED, null, host.codec().errorInfo(e));
                    return;
                }
                finish(RunStatus.COMPLETED, encoded, null);
            }
        } catch (Unwind unwind) {
            span.setAttribute("baton.run.released", unwind.getMessage());
            log.debug("run {} released its thread: {}", run.id(), unwind.getMessage());
        } catch (RunSkipped skipped) {
            try {
                finish(RunStatus.SKIPPED, null, new dev.baton.ErrorInfo("skipped", skipped.getMessage(), "", java.util.List.of()));
            } catch (StorePaused paused) {
                host.paused(this, paused.getCause());
            }
        } catch (StorePaused paused) {
            span.setStatus(StatusCode.ERROR, "store paused: " + paused.getCause().getMessage());
            host.paused(this, paused.getCause());
        } catch (Throwable failure) {
            failed = failure instanceof RunCancelledException ? null : failure;
            ended(context, failure);
        } finally {
            EngineTracing.end(span, failed);
            MDC.remove("runId");
            MDC.remove("workflow");
            host.ended(this);
            done.complete(null);
        }
    }

    private void ended(RunContext context, Throwable failure) {
        this.failure = context != null && context.nonDeterminism() != null ? context.nonDeterminism() : failure;
        try {
            if (context != null && context.nonDeterminism() != null) {
                finish(RunStatus.FAILED, null, host.codec().errorInfo(context.nonDeterminism()));
            } else if (failure instanceof RunCancelledException || (context != null && context.cancelDelivered())) {
                finish(RunStatus.CANCELLED, null, host.codec().errorInfo(failure));
            } else {
                finish(RunStatus.FAILED, null, host.codec().errorInfo(failure));
            }
        } catch (StorePaused paused) {
            host.paused(this, paused.getCause());
        } catch (Unwind unwind) {
            log.debug("run {} released its thread while failing: {}", run.id(), unwind.getMessage());
        }
    }

    private Map<Integer, StepRow> loadHistory() {
        Map<Integer, StepRow> history = new HashMap<>();
        for (StepRow step : host.store().steps(run.id())) {
            history.put(step.seq(), step);
        }
        return history;
    }

    /** Records the run's end, and hands a child's outcome to its parent, in one transaction. */
    private void finish(RunStatus status, Encoded output, ErrorInfo error) {
        long now = host.clock().millis();
        String errorJson = error == null ? null : host.codec().errorJson(error);
        List<Write> writes = new ArrayList<>(4);
        writes.add(new Write.FinishRun(run.id(), status, output == null ? null : output.json(),
                output == null ? null : output.type(), errorJson, now));
        writes.add(new Write.AppendEvent(new EventRow(run.id(), now, "RUN_" + status.name(),
                error == null ? null : error.summary())));
        writes.addAll(ChildOutcome.writes(host, run, status, output, errorJson, now));
        List<Write> starts = TriggeredStarts.writes(host, run, status, output, error, now);
        writes.addAll(starts);
        // Whatever the run still holds or waits for (its own locks, steps cut short) is given up with
        // its end; a run that never asked for a lock (in its only execution) has nothing to give up.
        boolean release = mayHoldLocks;
        if (release) {
            writes.add(new Write.ReleaseLocks(run.id(), 0, now));
        }
        @SuppressWarnings("unchecked")
        List<Object> results = await(!release ? null
                        : committed -> host.wakeRuns((List<String>) committed.get(committed.size() - 1)),
                writes.toArray(Write[]::new));
        if (!Boolean.TRUE.equals(results.get(0))) {
            return; // another worker or a cancel finished it first
        }
        span.setAttribute(EngineTracing.RUN_STATUS, status.name());
        if (status == RunStatus.FAILED && error != null) {
            span.setStatus(StatusCode.ERROR, error.summary());
        }
        host.metrics().runFinished(run.workflow(), status, now - (run.startedAt() != null ? run.startedAt() : run.createdAt()));
        int first = writes.size() - (release ? 1 : 0) - starts.size();
        for (int i = 0; i < starts.size(); i++) {
            if (results.get(first + i) instanceof CreateResult created && created.created()) {
                RunRow started = switch (starts.get(i)) {
                    case Write.CreateRun c -> c.run();
                    case Write.CreateRunIfAllCompleted c -> c.run();
                    default -> null;
                };
                if (started != null && started.owner() != null) {
                    host.launch(started, true);
                }
            }
        }
        RunEvent.Type type = switch (status) {
            case COMPLETED -> RunEvent.Type.RUN_COMPLETED;
            case CANCELLED -> RunEvent.Type.RUN_CANCELLED;
            case SKIPPED -> RunEvent.Type.RUN_SKIPPED;
            default -> RunEvent.Type.RUN_FAILED;
        };
        emit(type, null, 0, 0, error != null ? error.summary() : output == null ? "null" : abbreviate(output.json()));
        host.finished(new RunRow(run.id(), run.workflow(), status, run.input(), output == null ? null : output.json(),
                output == null ? null : output.type(), errorJson, run.idempotencyKey(), run.parentRunId(),
                run.parentSeq(), null, 0, null, null, cancelRequested, run.createdAt(), run.startedAt(), now, now,
                run.priority(), run.logicalTime(), run.codeVersion()));
    }

    // ---- signals from the engine ----

    /** Wakes the run if it is parked, so that it re-checks what it waits for. */
    public void wake() {
        wakeups.unpark();
    }

    /**
     * @return true when a thread of this execution waits in memory and so re-checks what it waits
     *         for once {@link #wake() woken}; false when it runs, or is releasing its thread (then
     *         the work loop must claim the run again once it is due)
     */
    public boolean waitsInMemory() {
        return waitingInMemory.get() > 0;
    }

    /** The run asks for a lock (or pool slot): its end gives up what it still holds. */
    void askedForLock() {
        mayHoldLocks = true;
    }

    void enterWait() {
        waitingInMemory.incrementAndGet();
    }

    void leaveWait() {
        waitingInMemory.decrementAndGet();
    }

    /** Requests cancellation: interrupts running step bodies and wakes a parked run. */
    public void requestCancel() {
        cancelRequested = true;
        stepThreads.interruptAll();
        wake();
    }

    /** The engine is closing: the run stops at its next durable call. */
    public void requestStop() {
        stopping = true;
        wake();
    }

    /** @param failure a write of this run could not be committed */
    void storeFailed(Throwable failure) {
        storeFailure = failure;
        wake();
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    boolean stopping() {
        return stopping;
    }

    Throwable storeFailure() {
        return storeFailure;
    }

    StepThreads stepThreads() {
        return stepThreads;
    }

    /**
     * Parks until woken or the time passed.
     *
     * @param millis the longest park
     */
    void park(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            wakeups.park(millis);
        } catch (InterruptedException e) {
            // Interrupts are cancellation's business; the caller re-checks the flags.
            Thread.interrupted();
        }
    }

    /**
     * Submits writes and waits until they are durable.
     *
     * @param writes the writes, one transaction
     * @return their results
     */
    List<Object> await(Write... writes) {
        return await(null, writes);
    }

    /**
     * Submits writes and waits until they are durable; {@code onCommitted} is told their results
     * on the writer's thread as soon as they have committed, before this thread runs again (for
     * waking whoever the writes let go on, without waiting for this thread to be scheduled).
     *
     * @param onCommitted told the results once committed, may be null; must be quick
     * @param writes      the writes, one transaction
     * @return their results
     */
    List<Object> await(java.util.function.Consumer<List<Object>> onCommitted, Write... writes) {
        try {
            CompletableFuture<List<Object>> committed = host.writer().submit(writes);
            if (onCommitted != null) {
                committed.thenAccept(results -> {
                    try {
                        onCommitted.accept(results);
                    } catch (RuntimeException e) {
                        log.warn("after a commit of run {}: {}", run.id(), e.toString());
                    }
                });
            }
            return committed.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            storeFailure = cause;
            throw new StorePaused(cause instanceof StoreException ? cause
                    : new StoreException("store write failed for run " + run.id() + ": " + cause.getMessage(), cause));
        }
    }

    /** @param writes writes recorded without waiting */
    void record(Write... writes) {
        host.writer().record(this::storeFailed, writes);
    }

    void emit(RunEvent.Type type, String step, int seq, int attempt, String detail) {
        if (!host.listening()) {
            return;
        }
        host.emit(new RunEvent(java.time.Instant.ofEpochMilli(host.clock().millis()), type, run.id(), run.workflow(),
                step, seq, attempt, detail));
    }

    static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
