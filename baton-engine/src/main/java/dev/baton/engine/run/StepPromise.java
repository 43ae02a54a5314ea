package dev.baton.engine.run;

import dev.baton.Promise;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The pending result of a step running in parallel with the workflow. */
final class StepPromise<T> implements Promise<T> {
    private final RunContext context;
    private final String name;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private Callable<Object> replay;

    StepPromise(RunContext context, String name) {
        this.context = context;
        this.name = name;
    }

    void replay(Callable<Object> recorded) {
        this.replay = recorded;
    }

    void complete(Object value) {
        result.complete(value);
    }

    void fail(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T await() {
        if (replay != null) {
            try {
                return (T) replay.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("step '" + name + "' failed to replay", e);
            }
        }
        context.awaitPromise(this);
        try {
            return (T) result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof dev.baton.RunCancelledException cancelled) {
                throw context.cancelledAt(name);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("step '" + name + "' failed", cause);
        }
    }

    @Override
    public boolean isDone() {
        return replay != null || result.isDone();
    }
}
