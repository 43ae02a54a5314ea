package dev.baton.engine.run;

import dev.baton.ErrorInfo;
import dev.baton.LockUnavailableException;
import dev.baton.PayloadException;
import dev.baton.RetryAfter;
import dev.baton.RunEvent;
import dev.baton.StepFailedException;
import dev.baton.StepKind;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.StepTimeoutException;
import dev.baton.engine.codec.Encoded;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;
import dev.baton.spi.StepContextBinding;
import dev.baton.engine.observe.EngineTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Executes one step: replays its recorded outcome, or runs its attempts under the retry policy
 * and timeout, checkpointing the outcome before returning it.
 */
final class StepRunner {
    /** The step whose body runs on this thread, to refuse durable calls nested inside a step. */
    static final ThreadLocal<String> CURRENT_STEP = new ThreadLocal<>();

    private final RunContext context;
    private final RunExecution execution;

    StepRunner(RunContext context, RunExecution execution) {
        this.context = context;
        this.execution = execution;
    }

    /**
     * @param seq             the step's sequence number
     * @param name            its name
     * @param options         retry and timeout
     * @param body            the work
     * @param recorded        what history holds at {@code seq}, or null
     * @param onWorkflowThread whether this is the workflow's own thread (which may release itself during a backoff)
     * @return the result
     */
    Object run(int seq, String name, StepOptions options, Callable<?> body, StepRow recorded, boolean onWorkflowThread)
            throws Exception {
        RunHost host = execution.host();
        int attempt = 1;
        if (recorded != null) {
            switch (recorded.status()) {
                case COMPLETED:
                    return host.codec().decode(recorded.output(), recorded.outputType(), "result of step '" + name + "'");
                case FAILED:
                    throw context.replayedFailure(recorded);
                case CANCELLED:
                    throw context.cancelledAt(name);
                case RUNNING:
                    // The attempt was interrupted by a crash or a stop: execute it again (at-least-once).
                    attempt = recorded.attempts();
                    execution.record(new Write.AppendEvent(new EventRow(execution.runId(), host.clock().millis(),
                            "STEP_INTERRUPTED", "step '" + name + "' (seq " + seq + ") attempt " + attempt
                            + " did not finish before its worker stopped; executing it again")));
                    break;
                case WAITING:
                    attempt = recorded.attempts() + 1;
                    backoff(seq, name, recorded.wakeAt(), attempt, options, onWorkflowThread);
                    break;
                default:
                    throw new IllegalStateException("unknown step status " + recorded.status());
            }
        }
        Map<String, Long> tokens = context.runTokens();
        if (options.locks().isEmpty()) {
            return attempts(seq, name, options, body, attempt, onWorkflowThread, tokens, false);
        }
        try {
            Map<String, Long> held = new HashMap<>(tokens);
            held.putAll(context.locks().acquire(options.locks(), seq, "step '" + name + "'", onWorkflowThread));
            tokens = held;
        } catch (LockUnavailableException e) {
            long now = host.clock().millis();
            ErrorInfo error = host.codec().errorInfo(e);
            execution.await(new Write.UpsertStep(new StepRow(execution.runId(), seq, name, StepKind.STEP,
                    StepStatus.FAILED, Math.max(1, attempt), now, now, null, null, null, host.codec().errorJson(error), null)));
            throw new StepFailedException(execution.runId(), name, seq, Math.max(1, attempt), error.type(), error.message(),
                    error.types(), e);
        }
        boolean released = false;
        try {
            Object result = attempts(seq, name, options, body, attempt, onWorkflowThread, tokens, true);
            released = true; // in the same transaction as the step's completion
            return result;
        } catch (Unwind | StorePaused stillRunning) {
            // The step is not over (its thread is released, or the store failed): it keeps its locks.
            released = true;
            throw stillRunning;
        } finally {
            if (!released) {
                context.locks().release(seq);
            }
        }
    }

    /**
     * @param releaseOnSuccess whether the step holds locks, given up in the transaction that records
     *                         its completion (the next in line then waits for one commit, not two)
     */
    private Object attempts(int seq, String name, StepOptions options, Callable<?> body, int firstAttempt,
                            boolean onWorkflowThread, Map<String, Long> tokens, boolean releaseOnSuccess) throws Exception {
        RunHost host = execution.host();
        int attempt = firstAttempt;
        while (true) {
            if (execution.cancelRequested() && !context.cancelDelivered()) {
                throw cancel(seq, name, host.clock().millis(), null, attempt);
            }
            context.stopIfAsked(seq, "step '" + name + "' (attempt " + attempt + ")");
            // An attempt that begins after the cancel reached the workflow's code is compensation (a
            // step of a finally or catch block): the cancel, delivered again until the run ends, does
            // not interrupt it, and its failure is its own.
            boolean cancellable = !context.cancelDelivered();
            long start = host.clock().millis();
            execution.record(new Write.UpsertStep(new StepRow(execution.runId(), seq, name, StepKind.STEP,
                    StepStatus.RUNNING, attempt, start, null, null, null, null, null, null)));
            execution.emit(RunEvent.Type.STEP_STARTED, name, seq, attempt, null);
            Object value = null;
            Throwable failure = null;
            String workflow = execution.row().workflow();
            Span span = host.tracing().startStep(execution.span(), execution.runId(), workflow, name, seq, attempt);
            long startNanos = System.nanoTime();
            try {
                value = invoke(seq, name, attempt, options.timeout(), body, tokens, span, cancellable);
            } catch (Throwable t) {
                failure = t;
            }
            long end = host.clock().millis();
            Encoded encoded = null;
            if (failure == null) {
                try {
                    encoded = host.codec().encode(value, "result of step '" + name + "'");
                } catch (PayloadException e) {
                    failure = e;
                }
            }
            host.metrics().stepAttempt(workflow, name, failure != null, System.nanoTime() - startNanos);
            EngineTracing.end(span, failure);
            if (failure == null) {
                Write completed = new Write.UpsertStep(new StepRow(execution.runId(), seq, name, StepKind.STEP,
                        StepStatus.COMPLETED, attempt, start, end, null, encoded.json(), encoded.type(), null, null));
                if (releaseOnSuccess) {
                    context.locks().releaseWith(seq, completed);
                } else {
                    execution.await(completed);
                }
                if (execution.host().listening()) {
                    execution.emit(RunEvent.Type.STEP_COMPLETED, name, seq, attempt,
                            RunExecution.abbreviate(encoded.json()) + " in " + (end - start) + "ms");
                }
                return value;
            }
            if (failure instanceof Unwind || failure instanceof StorePaused) {
                throw (Error) failure;
            }
            if (cancellable && execution.cancelRequested()) {
                throw cancel(seq, name, end, failure, attempt);
            }
            ErrorInfo error = host.codec().errorInfo(failure);
            boolean retry = !(failure instanceof PayloadException) && options.retry().isRetryable(failure)
                    && attempt < options.retry().maxAttempts();
            if (!retry) {
                execution.await(new Write.UpsertStep(new StepRow(execution.runId(), seq, name, StepKind.STEP,
                        StepStatus.FAILED, attempt, start, end, null, null, null, host.codec().errorJson(error), null)));
                execution.emit(RunEvent.Type.STEP_FAILED, name, seq, attempt, error.summary() + " (final)");
                throw new StepFailedException(execution.runId(), name, seq, attempt, error.type(), error.message(),
                        error.types(), failure);
            }
            Duration delay = options.retry().delay(attempt, ThreadLocalRandom.current().nextDouble());
            if (failure instanceof RetryAfter hint && hint.retryAfter() != null && hint.retryAfter().compareTo(delay) > 0) {
                delay = hint.retryAfter();
            }
            long next = end + delay.toMillis();
            execution.await(
                    new Write.InsertAttempt(new AttemptRow(execution.runId(), seq, attempt, start, end,
                            host.codec().errorJson(error), next)),
                    new Write.UpsertStep(new StepRow(execution.runId(), seq, name, StepKind.STEP, StepStatus.WAITING,
                            attempt, start, null, next, null, null, null, null)));
            execution.emit(RunEvent.Type.STEP_FAILED, name, seq, attempt, error.summary() + "; attempt "
                    + (attempt + 1) + " of " + options.retry().maxAttempts() + " in " + delay.toMillis() + "ms");
            attempt++;
            backoff(seq, name, next, attempt, options, onWorkflowThread);
        }
    }

    private void backoff(int seq, String name, long due, int nextAttempt, StepOptions options, boolean onWorkflowThread) {
        WaitResult<Object> waited = context.waiting().await(seq, "retry of step '" + name + "' (attempt " + nextAttempt
                + " of " + options.retry().maxAttempts() + ")", due, null, onWorkflowThread);
        if (waited.outcome() == WaitResult.Outcome.CANCELLED) {
            throw cancel(seq, name, execution.host().clock().millis(), null, nextAttempt - 1);
        }
    }

    private RuntimeException cancel(int seq, String name, long at, Throwable failure, int attempts) {
        RunHost host = execution.host();
        RuntimeException cancelled = context.cancelledAt(name);
        ErrorInfo error = host.codec().errorInfo(failure == null ? cancelled : failure);
        execution.await(new Write.UpsertStep(new StepRow(execution.runId(), seq, name, StepKind.STEP,
                StepStatus.CANCELLED, attempts, at, at, null, null, null, host.codec().errorJson(error), null)));
        return cancelled;
    }

    /**
     * Runs the body with its context bound, within the timeout; interruptible by cancellation
     * when {@code cancellable}.
     */
    private Object invoke(int seq, String name, int attempt, Duration timeout, Callable<?> body, Map<String, Long> tokens,
                          Span span, boolean cancellable) throws Exception {
        RunningStep step = new RunningStep(execution, name, seq, attempt, tokens, span);
        if (timeout == null) {
            return bound(step, body, cancellable);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        dev.baton.engine.EngineClock clock = execution.host().clock();
        dev.baton.engine.EngineClock.Parker parker = clock.newParker();
        result.whenComplete((value, failure) -> parker.unpark());
        Thread worker = Thread.ofVirtual().name("baton-step-" + execution.runId() + "-" + seq).start(clock.track(() -> {
            try {
                result.complete(bound(step, body, cancellable));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }));
        if (cancellable) {
            execution.stepThreads().enter();
        }
        try {
            // Timed by the engine's clock, so that a timeout also holds in virtual time.
            long deadline = clock.millis() + timeout.toMillis();
            for (long left = timeout.toMillis(); !result.isDone() && left > 0; left = deadline - clock.millis()) {
                parker.park(left);
            }
            if (!result.isDone()) {
                throw new TimeoutException();
            }
            return result.get();
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new StepTimeoutException("step '" + name + "' (seq " + seq + ") of run " + execution.runId()
                    + " timed out after " + timeout.toMillis() + "ms on attempt " + attempt
                    + "; its thread was interrupted. Raise the timeout or make the step faster.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        } finally {
            if (cancellable) {
                execution.stepThreads().leave();
            }
            Thread.interrupted();
        }
    }

    private Object bound(RunningStep step, Callable<?> body, boolean cancellable) throws Exception {
        String outer = CURRENT_STEP.get();
        CURRENT_STEP.set(step.stepName());
        StepContextBinding.set(step);
        if (cancellable) {
            execution.stepThreads().enter();
            if (execution.cancelRequested()) {
                // Requested between the attempt's start and here: the interrupt went to no one.
                Thread.currentThread().interrupt();
            }
        }
        // What the body logs through SLF4J names its run and step; its outbound calls join its span.
        StepMdc mdc = StepMdc.put(execution.runId(), execution.row().workflow(), step.stepName(), step.attempt());
        // Without an SDK the span is invalid: the caller's context stays as it is, at no cost.
        try (Scope ignored = step.span().getSpanContext().isValid() ? step.span().makeCurrent() : Scope.noop()) {
            return execution.host().stepInterceptor().around(new StepInterceptor.StepCall(execution.runId(),
                    execution.row().workflow(), step.stepName(), step.seq(), step.attempt()), body);
        } finally {
            step.finish();
            mdc.restore();
            if (cancellable) {
                execution.stepThreads().leave();
            }
            StepContextBinding.set(null);
            if (outer == null) {
                CURRENT_STEP.remove();
            } else {
                CURRENT_STEP.set(outer);
            }
            // A cancel that arrived as the body returned must not leak into the workflow's code.
            Thread.interrupted();
        }
    }
}
