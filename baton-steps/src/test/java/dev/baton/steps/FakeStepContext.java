package dev.baton.steps;

import dev.baton.BatonException;
import dev.baton.Step;
import dev.baton.StepContext;
import dev.baton.spi.StepContextBinding;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A step context without an engine, for testing the steps alone: secrets from a map, log lines
 * collected in memory. The context handed to the steps is a proxy answering the methods the steps
 * use, so that methods added to {@link StepContext} for other features need nothing here.
 */
final class FakeStepContext {

    /** A logged line. */
    record LogLine(String stream, String line) {
    }

    private final String runId;
    private final String stepName;
    private final int attempt;
    private final Map<String, String> secrets;
    private final List<LogLine> logs = new CopyOnWriteArrayList<>();
    private final List<String> resolved = new CopyOnWriteArrayList<>();

    FakeStepContext(String runId, String stepName, int attempt, Map<String, String> secrets) {
        this.runId = runId;
        this.stepName = stepName;
        this.attempt = attempt;
        this.secrets = secrets;
    }

    FakeStepContext() {
        this("run-1", "step-1", 1, Map.of());
    }

    static FakeStepContext withSecrets(Map<String, String> secrets) {
        return new FakeStepContext("run-1", "step-1", 1, secrets);
    }

    public String runId() {
        return runId;
    }

    public String stepName() {
        return stepName;
    }

    public int seq() {
        return 3;
    }

    public int attempt() {
        return attempt;
    }

    public String idempotencyKey() {
        return runId + ":" + seq();
    }

    public String secret(String name) {
        String value = secrets.get(name);
        if (value == null) {
            throw new BatonException("no secret named '" + name + "'");
        }
        resolved.add(name);
        return value;
    }

    public void log(String stream, String line) {
        logs.add(new LogLine(stream, line));
    }

    List<LogLine> logs() {
        return List.copyOf(logs);
    }

    /** @return the lines logged on {@code stream} */
    List<String> lines(String stream) {
        List<String> lines = new ArrayList<>();
        for (LogLine line : logs) {
            if (line.stream().equals(stream)) {
                lines.add(line.line());
            }
        }
        return lines;
    }

    List<String> resolvedSecrets() {
        return List.copyOf(resolved);
    }

    /** @return the context the steps see */
    StepContext context() {
        return (StepContext) Proxy.newProxyInstance(StepContext.class.getClassLoader(), new Class<?>[] {StepContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "runId" -> runId();
                    case "stepName" -> stepName();
                    case "seq" -> seq();
                    case "attempt" -> attempt();
                    case "idempotencyKey" -> idempotencyKey();
                    case "secret" -> secret((String) args[0]);
                    case "log" -> {
                        log((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "toString" -> "FakeStepContext";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Runs the step on this thread with this context bound, as the engine would. */
    <T> T run(Step<T> step) throws Exception {
        StepContextBinding.set(context());
        try {
            return step.call();
        } finally {
            StepContextBinding.set(null);
        }
    }

    /** A step running on a thread of its own. */
    record Running<T>(Thread thread, CompletableFuture<T> result) {
    }

    /** Starts the step on a new thread with this context bound. */
    <T> Running<T> start(Step<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("test-step").start(() -> {
            try {
                result.complete(run(step));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return new Running<>(thread, result);
    }
}
