package dev.baton.engine.run;

import dev.baton.BatonException;
import dev.baton.StepContext;
import dev.baton.engine.store.LogRow;
import dev.baton.engine.store.Write;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The context of one step attempt, bound to the thread running its body (and reachable from
 * threads the body starts, such as a shell step's output readers, through the reference).
 */
final class RunningStep implements StepContext {
    /** The most bytes of log one attempt stores; past it, one line says the log was truncated. */
    static final long MAX_LOG_BYTES = 8L * 1024 * 1024;

    private final RunExecution execution;
    private final String stepName;
    private final int seq;
    private final int attempt;
    private final AtomicLong loggedBytes = new AtomicLong();
    private final Map<String, Long> tokens;

    RunningStep(RunExecution execution, String stepName, int seq, int attempt, Map<String, Long> tokens) {
        this.execution = execution;
        this.stepName = stepName;
        this.seq = seq;
        this.attempt = attempt;
        this.tokens = tokens;
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
        long now = execution.host().clock().millis();
        if (before + size <= MAX_LOG_BYTES) {
            execution.record(new Write.AppendLog(new LogRow(0, execution.runId(), seq, attempt, now, stream, text)));
        } else if (before <= MAX_LOG_BYTES) {
            execution.record(new Write.AppendLog(new LogRow(0, execution.runId(), seq, attempt, now, "baton",
                    "[log of step '" + stepName + "' attempt " + attempt + " truncated after " + MAX_LOG_BYTES
                            + " bytes; later lines were dropped]")));
        }
    }

    @Override
    public String toString() {
        return "step '" + stepName + "' (seq " + seq + ", attempt " + attempt + ") of run " + execution.runId();
    }
}
