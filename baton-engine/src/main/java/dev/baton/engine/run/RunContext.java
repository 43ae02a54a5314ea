package dev.baton.engine.run;

import dev.baton.ErrorInfo;
import dev.baton.Flow;
import dev.baton.NonDeterminismException;
import dev.baton.Promise;
import dev.baton.RecordedFailure;
import dev.baton.RunCancelledException;
import dev.baton.Step;
import dev.baton.StepAction;
import dev.baton.StepFailedException;
import dev.baton.StepFunction;
import dev.baton.StepKind;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.TypeRef;
import dev.baton.Workflow;
import dev.baton.WorkflowNotFoundException;
import dev.baton.engine.codec.Encoded;
import dev.baton.engine.store.CreateResult;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link Flow} of one execution of a run: allocates sequence numbers in call order, replays
 * what history recorded at each, checks that the code still does what history says, and executes
 * what is new.
 */
final class RunContext implements Flow {
    private final RunExecution execution;
    private final RunHost host;
    private final Map<Integer, StepRow> history;
    private final int lastRecordedSeq;
    private final Thread workflowThread;
    private final StepRunner steps;
    private final Waiting waiting;
    private final LockAcquirer locks;
    private Map<String, Long> runTokens = Map.of();
    private final ParallelSteps parallel;
    private int seq;
    private Random random;
    private volatile boolean cancelDelivered;
    private volatile boolean unwinding;
    private volatile NonDeterminismException nonDeterminism;

    RunContext(RunExecution execution, Map<Integer, StepRow> history) {
        this.execution = execution;
        this.host = execution.host();
        this.history = history;
        this.lastRecordedSeq = history.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        this.workflowThread = Thread.currentThread();
        this.steps = new StepRunner(this, execution);
        this.parallel = new ParallelSteps(execution, steps);
        this.waiting = new Waiting(this, execution);
        this.locks = new LockAcquirer(this, execution);
    }

    // ---- Flow ----

    @Override
    public String runId() {
        return execution.runId();
    }

    @Override
    public String workflowName() {
        return execution.row().workflow();
    }

    @Override
    public Instant logicalTime() {
        RunRow row = execution.row();
        return Instant.ofEpochMilli(row.logicalTime() != null ? row.logicalTime() : row.createdAt());
    }

    @Override
    public boolean isCancelRequested() {
        return execution.cancelRequested();
    }

    @Override
    public <T> T step(String name, Step<T> body) {
        return step(name, StepOptions.defaults(), body);
    }

    @Override
    public <T> T step(String name, StepOptions options, Step<T> body) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(body, "body");
        begin("step");
        int at = ++seq;
        StepRow recorded = recorded(at, name, StepKind.STEP);
        try {
            @SuppressWarnings("unchecked")
            T value = (T) steps.run(at, name, options, body::call, recorded, true);
            return value;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void step(String name, StepAction body) {
        step(name, StepOptions.defaults(), body);
    }

    @Override
    public void step(String name, StepOptions options, StepAction body) {
        Objects.requireNonNull(body, "body");
        step(name, options, (Step<Object>) () -> {
            body.run();
            return null;
        });
    }

    @Override
    public <T> Promise<T> async(String name, StepOptions options, Step<T> body) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(body, "body");
        begin("async");
        int at = ++seq;
        StepRow recorded = recorded(at, name, StepKind.STEP);
        return startStep(at, name, options, body::call, recorded);
    }

    @Override
    public <T, R> List<R> forEach(String name, List<T> items, int parallelism, StepOptions options, StepFunction<T, R> fn) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fn, "fn");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism of forEach '" + name + "' must be >= 1, was " + parallelism);
        }
        begin("forEach");
        int count = items.size();
        int[] seqs = new int[count];
        StepRow[] recorded = new StepRow[count];
        for (int i = 0; i < count; i++) {
            seqs[i] = ++seq;
            recorded[i] = recorded(seqs[i], name + "[" + i + "]", StepKind.STEP);
        }
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallelism);
        List<StepPromise<R>> promises = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            T item = items.get(i);
            StepRow rec = recorded[i];
            if (rec == null || !isFinal(rec.status())) {
                // Parked rather than blocked, so that the wait is one the engine's clock can see;
                // a step that ends releases its slot and wakes this thread.
                while (!slots.tryAcquire()) {
                    execution.park(1_000);
                }
            }
            StepPromise<R> promise = parallel.start(this, seqs[i], name + "[" + i + "]", options, () -> fn.apply(item), rec,
                    slots);
            promises.add(promise);
        }
        List<R> results = new ArrayList<>(count);
        RuntimeException first = null;
        for (StepPromise<R> promise : promises) {
            try {
                results.add(promise.await());
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
                results.add(null);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    @Override
    public <O> O child(String workflow, Object input) {
        return this.<O>childAsync(workflow, input).await();
    }

    @Override
    public <I, O> O child(Class<? extends Workflow<I, O>> workflow, I input) {
        return child(host.workflowNameOf(workflow), input);
    }

    @Override
    public <O> Promise<O> childAsync(String workflow, Object input) {
        Objects.requireNonNull(workflow, "workflow");
        begin("child");
        int at = ++seq;
        StepRow recorded = recorded(at, workflow, StepKind.CHILD);
        String childId = execution.runId() + "." + at;
        if (recorded == null) {
            var definition = host.workflow(workflow);
            if (definition == null) {
                throw new WorkflowNotFoundException(workflow, host.workflowNames());
            }
            String json = host.codec().encodeInput(input, definition.inputType(), workflow);
            long now = host.clock().millis();
            RunRow child = host.newRun(childId, workflow, json, null, execution.runId(), at, execution.row().priority());
            List<Object> results = execution.await(
                    new Write.UpsertStep(new StepRow(execution.runId(), at, workflow, StepKind.CHILD, StepStatus.RUNNING,
                            1, now, null, null, null, null, null, childId)),
                    new Write.CreateRun(child));
            // A run stored under the child's id already is never executed here a second time.
            boolean created = results.get(1) instanceof CreateResult result && result.created();
            if (created && child.owner() != null) {
                host.launch(child, true);
            }
        }
        return new ChildPromise<>(this, execution, at, workflow, childId);
    }

    @Override
    public void sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep duration must be >= 0, was " + duration);
        }
        sleepFor("sleep " + duration, duration.toMillis(), null);
    }

    @Override
    public void sleepUntil(Instant wakeAt) {
        Objects.requireNonNull(wakeAt, "wakeAt");
        sleepFor("sleep until " + wakeAt, 0, wakeAt.toEpochMilli());
    }

    private void sleepFor(String detail, long millis, Long until) {
        begin("sleep");
        int at = ++seq;
        StepRow recorded = recorded(at, "sleep", StepKind.SLEEP);
        if (recorded != null && recorded.status() == StepStatus.COMPLETED) {
            return;
        }
        if (recorded != null && recorded.status() == StepStatus.CANCELLED) {
            throw cancelledAt("sleep");
        }
        long now = host.clock().millis();
        long due = recorded != null ? recorded.wakeAt() : until != null ? until : now + millis;
        if (recorded == null) {
            execution.await(new Write.UpsertStep(new StepRow(execution.runId(), at, "sleep", StepKind.SLEEP,
                    StepStatus.WAITING, 1, now, null, due, null, null, null, detail)));
        }
        WaitResult<Object> result = waiting.await(at, "timer (" + detail + ")", due, null, true);
        long end = host.clock().millis();
        if (result.outcome() == WaitResult.Outcome.CANCELLED) {
            throw cancelWaiting(at, "sleep", StepKind.SLEEP, recorded != null ? recorded.startedAt() : now, due, detail);
        }
        execution.record(new Write.UpsertStep(new StepRow(execution.runId(), at, "sleep", StepKind.SLEEP,
                StepStatus.COMPLETED, 1, recorded != null ? recorded.startedAt() : now, end, due, null, null, null, detail)));
    }

    @Override
    public <T> Optional<T> awaitSignal(String name, Class<T> type, Duration timeout) {
        @SuppressWarnings("unchecked")
        Optional<T> value = (Optional<T>) awaitSignal(name, (Type) type, timeout);
        return value;
    }

    @Override
    public <T> Optional<T> awaitSignal(String name, TypeRef<T> type, Duration timeout) {
        @SuppressWarnings("unchecked")
        Optional<T> value = (Optional<T>) awaitSignal(name, type.type(), timeout);
        return value;
    }

    private Optional<?> awaitSignal(String name, Type type, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("signal timeout must be >= 0, was " + timeout);
        }
        begin("awaitSignal");
        int at = ++seq;
        StepRow recorded = recorded(at, name, StepKind.SIGNAL);
        String what = "signal '" + name + "'";
        if (recorded != null && recorded.status() == StepStatus.COMPLETED) {
            return recorded.outputType() == null ? Optional.empty()
                    : Optional.ofNullable(host.codec().decodeAs(recorded.output(), type, "payload of " + what));
        }
        if (recorded != null && recorded.status() == StepStatus.CANCELLED) {
            throw cancelledAt(what);
        }
        long now = host.clock().millis();
        long started = recorded != null ? recorded.startedAt() : now;
        long due = recorded != null ? recorded.wakeAt() : saturatedAdd(now, timeout.toMillis());
        String detail = "timeout " + timeout;
        if (recorded == null) {
            execution.await(new Write.UpsertStep(new StepRow(execution.runId(), at, name, StepKind.SIGNAL,
                    StepStatus.WAITING, 1, now, null, due, null, null, null, detail)));
        }
        WaitResult<SignalRow> result = waiting.await(at, what, due,
                Waiting.optionalCheck(() -> host.store().nextSignal(execution.runId(), name)), true);
        long end = host.clock().millis();
        switch (result.outcome()) {
            case CANCELLED:
                throw cancelWaiting(at, name, StepKind.SIGNAL, started, due, detail);
            case DUE:
                execution.await(new Write.UpsertStep(new StepRow(execution.runId(), at, name, StepKind.SIGNAL,
                        StepStatus.COMPLETED, 1, started, end, due, null, null, null, detail + "; timed out")));
                return Optional.empty();
            default:
                SignalRow signal = result.value();
                execution.await(new Write.ConsumeSignal(execution.runId(), signal.id(), at),
                        new Write.UpsertStep(new StepRow(execution.runId(), at, name, StepKind.SIGNAL,
                                StepStatus.COMPLETED, 1, started, end, due, signal.payload(), "signal", null,
                                detail + "; received signal #" + signal.id())));
                return Optional.ofNullable(host.codec().decodeAs(signal.payload(), type, "payload of " + what));
        }
    }

    @Override
    public Instant now() {
        begin("now");
        int at = ++seq;
        StepRow recorded = recorded(at, "now", StepKind.NOW);
        if (recorded != null) {
            return (Instant) host.codec().decode(recorded.output(), recorded.outputType(), "recorded time");
        }
        Instant now = Instant.ofEpochMilli(host.clock().millis());
        Encoded encoded = host.codec().encode(now, "time");
        long at0 = now.toEpochMilli();
        execution.record(new Write.UpsertStep(new StepRow(execution.runId(), at, "now", StepKind.NOW,
                StepStatus.COMPLETED, 1, at0, at0, null, encoded.json(), encoded.type(), null, null)));
        return now;
    }

    @Override
    public Random random() {
        if (random != null) {
            return random;
        }
        begin("random");
        int at = ++seq;
        StepRow recorded = recorded(at, "random", StepKind.RANDOM);
        long seed;
        if (recorded != null) {
            seed = Long.parseLong(recorded.output());
        } else {
            seed = ThreadLocalRandom.current().nextLong();
            long now = host.clock().millis();
            execution.record(new Write.UpsertStep(new StepRow(execution.runId(), at, "random", StepKind.RANDOM,
                    StepStatus.COMPLETED, 1, now, now, null, Long.toString(seed), "long", null, null)));
        }
        random = new Random(seed);
        return random;
    }

    @Override
    public UUID uuid() {
        Random source = random();
        long most = (source.nextLong() & ~0xF000L) | 0x4000L;
        long least = (source.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    @Override
    public boolean patched(String changeId) {
        Objects.requireNonNull(changeId, "changeId");
        begin("patched");
        int candidate = seq + 1;
        StepRow recorded = history.get(candidate);
        if (recorded != null) {
            if (recorded.kind() == StepKind.PATCH && recorded.name().equals(changeId)) {
                seq = candidate;
                return true;
            }
            // History recorded the old code's call here: this run keeps the old path.
            return false;
        }
        if (candidate <= lastRecordedSeq) {
            return false;
        }
        seq = candidate;
        long now = host.clock().millis();
        execution.record(new Write.UpsertStep(new StepRow(execution.runId(), candidate, changeId, StepKind.PATCH,
                StepStatus.COMPLETED, 1, now, now, null, null, null, null, null)));
        return true;
    }

    // ---- locks ----

    /**
     * Takes the locks the whole run holds (the workflow's locks and its concurrency pool) before
     * its first durable call; they are released in the transaction that ends the run.
     */
    void acquireRunLocks(Object input) {
        var definition = execution.definition();
        List<String> names = new ArrayList<>(definition.locks());
        if (definition.concurrency() > 0) {
            names.add(concurrencyPool(definition, input));
        }
        String backfill = dev.baton.engine.scheduler.BackfillPool.poolOf(execution.row().idempotencyKey());
        if (backfill != null) {
            names.add(backfill);
        }
        if (!names.isEmpty()) {
            runTokens = locks.acquire(names, 0, "run", true);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String concurrencyPool(dev.baton.WorkflowDefinition definition, Object input) {
        String pool = RunHost.CONCURRENCY_PREFIX + definition.name();
        if (definition.concurrencyKey() == null) {
            return pool;
        }
        Object key = ((java.util.function.Function) definition.concurrencyKey()).apply(input);
        // Lock names allow few characters: others become '_' (two keys that differ only there share a
        // pool, which is stricter, never looser); long keys are cut and keep a hash of the whole.
        String text = String.valueOf(key).replaceAll("[^A-Za-z0-9._:-]", "_");
        if (pool.length() + 1 + text.length() > 128) {
            String hash = Integer.toHexString(String.valueOf(key).hashCode());
            text = text.substring(0, Math.max(0, 127 - pool.length() - hash.length() - 1)) + "~" + hash;
        }
        return pool + ":" + text;
    }


    LockAcquirer locks() {
        return locks;
    }

    /** @return the fencing tokens of the locks the run holds */
    Map<String, Long> runTokens() {
        return runTokens;
    }

    // ---- steps started in parallel ----

    private <T> StepPromise<T> startStep(int at, String name, StepOptions options, Callable<?> body, StepRow recorded) {
        return parallel.start(this, at, name, options, body, recorded, null);
    }

    /** Waits for every step started in parallel; the run does not end, nor release its thread, before them. */
    void awaitOutstanding() {
        parallel.awaitAll();
    }

    /** Parks the workflow thread until the promise is done. */
    void awaitPromise(StepPromise<?> promise) {
        requireWorkflowThread("await");
        parallel.await(promise);
    }

    // ---- history, guards, cancellation ----

    /** Checks the call against history and returns what history recorded at {@code at}, or null. */
    private StepRow recorded(int at, String name, StepKind kind) {
        StepRow recorded = history.get(at);
        if (recorded == null) {
            return null;
        }
        if (recorded.kind() != kind || !recorded.name().equals(name)) {
            nonDeterminism = new NonDeterminismException(execution.runId(), at, describe(recorded.kind(), recorded.name()),
                    describe(kind, name));
            throw nonDeterminism;
        }
        return recorded;
    }

    private static String describe(StepKind kind, String name) {
        return switch (kind) {
            case STEP -> "step '" + name + "'";
            case SLEEP -> "a sleep";
            case SIGNAL -> "an await of signal '" + name + "'";
            case CHILD -> "a child run of workflow '" + name + "'";
            case PATCH -> "the patch mark '" + name + "'";
            case NOW -> "flow.now()";
            case RANDOM -> "flow.random()";
        };
    }

    void begin(String call) {
        String step = StepRunner.CURRENT_STEP.get();
        if (step != null) {
            throw new IllegalStateException("flow." + call + "(...) was called inside step '" + step + "' of run "
                    + execution.runId() + "; durable calls cannot be nested in a step. Move the call out of the step's body.");
        }
        requireWorkflowThread(call);
        guard();
    }

    private void requireWorkflowThread(String call) {
        if (Thread.currentThread() != workflowThread) {
            throw new IllegalStateException("flow." + call + "(...) of run " + execution.runId()
                    + " was called from thread " + Thread.currentThread().getName()
                    + "; call Flow methods only from the workflow's own thread (use flow.async or flow.forEach for parallel work)");
        }
    }

    /** Stops durable calls that must not happen now: while unwinding, stopping, or after a store failure. */
    void guard() {
        if (nonDeterminism != null) {
            throw nonDeterminism;
        }
        if (unwinding) {
            throw new Unwind("durable call while the run releases its thread");
        }
        if (execution.storeFailure() != null) {
            throw new StorePaused(execution.storeFailure());
        }
        if (execution.stopping()) {
            beginUnwinding();
            throw new Unwind("the engine is stopping");
        }
    }

    void beginUnwinding() {
        unwinding = true;
    }

    /**
     * Stops the execution here when the step interceptor asks to, before something new happens.
     *
     * @param at   the sequence number of the call
     * @param what what is about to happen, in words
     */
    void stopIfAsked(int at, String what) {
        if (host.stepInterceptor().stopBefore(new StepInterceptor.NewWork(execution.runId(), execution.row().workflow(),
                at, what))) {
            beginUnwinding();
            throw new Unwind("stopped before " + what + " (seq " + at + ")");
        }
    }

    boolean unwinding() {
        return unwinding;
    }

    Waiting waiting() {
        return waiting;
    }

    boolean cancelDelivered() {
        return cancelDelivered;
    }

    NonDeterminismException nonDeterminism() {
        return nonDeterminism;
    }

    /** Marks cancellation as delivered to the workflow's code and returns the exception to throw. */
    RunCancelledException cancelledAt(String where) {
        cancelDelivered = true;
        return new RunCancelledException(execution.runId(), where);
    }

    private RunCancelledException cancelWaiting(int at, String name, StepKind kind, long started, Long due, String detail) {
        RunCancelledException cancelled = cancelledAt(name);
        long now = host.clock().millis();
        execution.await(new Write.UpsertStep(new StepRow(execution.runId(), at, name, kind, StepStatus.CANCELLED, 1,
                started, now, due, null, null, host.codec().errorJson(host.codec().errorInfo(cancelled)), detail)));
        if (kind == StepKind.CHILD) {
            host.cancelChildren(execution.runId());
        }
        return cancelled;
    }

    /** Rebuilds the failure history recorded for a step or child run. */
    RuntimeException replayedFailure(StepRow recorded) {
        ErrorInfo error = host.codec().parseError(recorded.error());
        if (error == null) {
            error = new ErrorInfo("unknown", null, "", List.of());
        }
        if (recorded.status() == StepStatus.CANCELLED) {
            return cancelledAt(recorded.name());
        }
        return new StepFailedException(execution.runId(), recorded.name(), recorded.seq(), Math.max(1, recorded.attempts()),
                error.type(), error.message(), error.types(), new RecordedFailure(error.type(), error.message(), error.stackTrace()));
    }

    /** After the workflow method returned: waits for parallel steps and checks that no recorded call was skipped. */
    void afterReturn() {
        awaitOutstanding();
        if (nonDeterminism != null) {
            throw nonDeterminism;
        }
        for (int at = seq + 1; at <= lastRecordedSeq; at++) {
            StepRow recorded = history.get(at);
            if (recorded != null) {
                nonDeterminism = new NonDeterminismException(execution.runId(), at,
                        describe(recorded.kind(), recorded.name()), "nothing: the workflow returned before reaching it");
                throw nonDeterminism;
            }
        }
    }

    static boolean isFinal(StepStatus status) {
        return status == StepStatus.COMPLETED || status == StepStatus.FAILED || status == StepStatus.CANCELLED;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    void recordEvent(String type, String detail) {
        execution.record(new Write.AppendEvent(new EventRow(execution.runId(), host.clock().millis(), type, detail)));
    }
}
