package dev.baton.engine.run;

import dev.baton.BatonException;
import dev.baton.StepContext;
import dev.baton.engine.store.LogRow;
import dev.baton.engine.store.Write;

import io.opentelemetry.api.trace.Span;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The context of one step attempt, bound to the thread running its body (and reachable from
 * threads the body starts, such as a shell step's output readers, through the reference).
 */
final class RunningStep implements StepContext {
    /** The stream of the lines the engine itself writes into a step's log (the truncation notes). */
    static final String ENGINE_STREAM = "baton";

    private final RunExecution execution;
    private final String stepName;
    private final int seq;
    private final int attempt;
    private final long limit;
    private final AtomicLong loggedBytes = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private final AtomicLong droppedLines = new AtomicLong();
    private final Map<String, Long> tokens;
    private final Span span;

    RunningStep(RunExecution execution, String stepName, int seq, int attempt, Map<String, Long> tokens, Span span) {
        this.execution = execution;
        this.stepName = stepName;
        this.seq = seq;
        this.attempt = attempt;
        this.tokens = tokens;
        this.span = span;
        this.limit = execution.host().stepLogLimitBytes();
    }

    /** @return the span of this attempt, current on the threads running its body */
    Span span() {
        return span;
    }

    @Override
    public long fencingToken(String lock) {
        Long token = tokens.get(lock);
        if (token == null) {
            throw new IllegalStateException("step '" + stepName + "' of run " + execution.runId() + " does not hold lock '"
                    + lock + "'; take it with StepOptions.locking(\"" + lock + "\") or WorkflowDefinition.withLocks");
        }
        return token;
    }

    @Override
    public String runId() {
        return execution.runId();
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public int seq() {
        return seq;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public String idempotencyKey() {
        return execution.runId() + ":" + seq;
    }

    @Override
    public String secret(String name) {
        Objects.requireNonNull(name, "name");
        String value = execution.host().secrets().resolve(name).orElseThrow(() -> new BatonException(
                "secret '" + name + "' needed by step '" + stepName + "' of run " + execution.runId()
                        + " is not known to the secret provider; set it (for the default provider: the environment "
                        + "variable " + name + ") or configure BatonBuilder.secrets(...)"));
        execution.host().masker().register(value);
        return value;
    }

    @Override
    public void log(String stream, String line) {
        Objects.requireNonNull(stream, "stream");
        String text = line == null ? "" : line;
        long size = text.getBytes(StandardCharsets.UTF_8).length + 1L;
        long before = loggedBytes.getAndAdd(size);
        if (before + size <= limit) {
            long now = execution.host().clock().millis();
            execution.record(new Write.AppendLog(new LogRow(0, execution.runId(), seq, attempt, now, stream, text)));
            return;
        }
        droppedBytes.addAndGet(size);
        droppedLines.incrementAndGet();
        if (before <= limit) {
            // The first line over the limit: said at once, so that who follows the log sees it.
            execution.host().metrics().logTruncated(execution.row().workflow());
            note("[log of step '" + stepName + "' attempt " + attempt + " reached its limit of " + limit
                    + " bytes; later lines are dropped (BatonBuilder.stepLogLimit raises the limit)]");
        }
    }

    /**
     * The attempt's body has returned: a truncated log ends with how much was dropped. Lines
     * logged after this (by threads the body left running) are dropped once over the limit.
     */
    void finish() {
        long lines = droppedLines.getAndSet(0);
        long bytes = droppedBytes.getAndSet(0);
        if (lines > 0) {
            note("[log of step '" + stepName + "' attempt " + attempt + " truncated: " + lines + " lines ("
                    + bytes + " bytes) over the limit of " + limit + " bytes were dropped]");
        }
    }

    private void note(String line) {
        execution.record(new Write.AppendLog(new LogRow(0, execution.runId(), seq, attempt,
                execution.host().clock().millis(), ENGINE_STREAM, line)));
    }

    @Override
    public String toString() {
        return "step '" + stepName + "' (seq " + seq + ", attempt " + attempt + ") of run " + execution.runId();
    }
}
