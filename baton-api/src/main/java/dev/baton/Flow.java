package dev.baton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The durable context of one run, passed to {@link Workflow#run}. Every method here is a
 * <em>durable call</em>: it gets a sequence number in call order and its outcome is recorded, so
 * that a replay of the run returns the recorded outcome instead of doing the work again.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>A step whose result was checkpointed never executes again for this run.</li>
 *   <li>A step interrupted by a crash executes again on recovery (at-least-once): give outside
 *       systems {@link StepContext#idempotencyKey()} so that they can drop the duplicate.</li>
 *   <li>A replay that reaches a different step name or kind at a sequence number than history
 *       recorded fails the run with {@link NonDeterminismException}; use {@link #patched} for code
 *       that changed on purpose.</li>
 * </ul>
 *
 * <p>Call the methods of {@code Flow} from the workflow's own thread, not from inside a step and
 * not from threads of your own ({@link #async} and {@link #forEach} give parallelism).
 */
public interface Flow {

    /** @return the id of this run */
    String runId();

    /** @return the registered name of this run's workflow */
    String workflowName();

    /**
     * @return the time this run is for: the logical time it was started with (a schedule's fire
     * time, or the one inherited from the run that triggered it), else when it was created
     */
    Instant logicalTime();

    /**
     * Runs a durable step with the default options (one attempt, no timeout).
     *
     * @param name a name unique enough to recognise the step in history and in the UI
     * @param body the work; its result is checkpointed as JSON
     * @param <T>  the result type
     * @return the step's result, executed now or replayed from the checkpoint
     * @throws StepFailedException when the last attempt failed
     */
    <T> T step(String name, Step<T> body);

    /**
     * Runs a durable step with options: retry policy, timeout.
     *
     * @param name    the step's name
     * @param options retries and timeout
     * @param body    the work
     * @param <T>     the result type
     * @return the step's result
     * @throws StepFailedException when the last attempt failed
     */
    <T> T step(String name, StepOptions options, Step<T> body);

    /**
     * Runs a durable step that returns nothing.
     *
     * @param name the step's name
     * @param body the work
     * @throws StepFailedException when the last attempt failed
     */
    void step(String name, StepAction body);

    /**
     * Runs a durable step that returns nothing, with options.
     *
     * @param name    the step's name
     * @param options retries and timeout
     * @param body    the work
     * @throws StepFailedException when the last attempt failed
     */
    void step(String name, StepOptions options, StepAction body);

    /**
     * Starts a durable step in parallel with the workflow; {@link Promise#await()} its result.
     * Steps started this way run on their own virtual threads; a retry backoff between their
     * attempts is waited in memory. The run does not finish before all of its async steps have.
     *
     * @param name    the step's name
     * @param options retries and timeout
     * @param body    the work
     * @param <T>     the result type
     * @return the step's pending result
     */
    <T> Promise<T> async(String name, StepOptions options, Step<T> body);

    /**
     * Starts a durable step in parallel with the default options.
     *
     * @param name the step's name
     * @param body the work
     * @param <T>  the result type
     * @return the step's pending result
     */
    default <T> Promise<T> async(String name, Step<T> body) {
        return async(name, StepOptions.defaults(), body);
    }

    /**
     * Durable fan-out and fan-in: applies {@code fn} to every item as its own step, named
     * {@code name[index]}, with at most {@code parallelism} items running at once, and returns
     * the results in the order of the items. When items fail after their retries, all other items
     * still finish, then the failure of the lowest index is thrown.
     *
     * @param name        the base name of the item steps
     * @param items       the items, in a deterministic order
     * @param parallelism the most items that run at once, at least 1
     * @param options     retries and timeout for each item
     * @param fn          the work for one item
     * @param <T>         the item type
     * @param <R>         the result type
     * @return the results, one per item, in item order
     * @throws StepFailedException for the failed item with the lowest index
     */
    <T, R> List<R> forEach(String name, List<T> items, int parallelism, StepOptions options, StepFunction<T, R> fn);

    /**
     * Durable fan-out with the default step options.
     *
     * @param name        the base name of the item steps
     * @param items       the items
     * @param parallelism the most items that run at once, at least 1
     * @param fn          the work for one item
     * @param <T>         the item type
     * @param <R>         the result type
     * @return the results in item order
     */
    default <T, R> List<R> forEach(String name, List<T> items, int parallelism, StepFunction<T, R> fn) {
        return forEach(name, items, parallelism, StepOptions.defaults(), fn);
    }

    /**
     * Durable fan-out with a parallelism of {@value #DEFAULT_PARALLELISM}.
     *
     * @param name  the base name of the item steps
     * @param items the items
     * @param fn    the work for one item
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the results in item order
     */
    default <T, R> List<R> forEach(String name, List<T> items, StepFunction<T, R> fn) {
        return forEach(name, items, DEFAULT_PARALLELISM, StepOptions.defaults(), fn);
    }

    /** The parallelism of {@link #forEach(String, List, StepFunction)}. */
    int DEFAULT_PARALLELISM = 16;

    /**
     * Starts a child run of another registered workflow and waits, durably, for its result. The
     * child's run id is derived from this run's id and the sequence number, so a replay never
     * starts a second child. Cancelling this run cancels the child.
     *
     * @param workflow the child workflow's registered name
     * @param input    the child's input
     * @param <O>      the child's result type
     * @return the child's result
     * @throws StepFailedException when the child run failed or was cancelled
     */
    <O> O child(String workflow, Object input);

    /**
     * Starts a child run of a workflow registered from its class.
     *
     * @param workflow the child workflow's class
     * @param input    the child's input
     * @param <I>      the child's input type
     * @param <O>      the child's result type
     * @return the child's result
     */
    <I, O> O child(Class<? extends Workflow<I, O>> workflow, I input);

    /**
     * Starts a child run and returns at once; await the promise for its result.
     *
     * @param workflow the child workflow's registered name
     * @param input    the child's input
     * @param <O>      the child's result type
     * @return the child's pending result
     */
    <O> Promise<O> childAsync(String workflow, Object input);

    /**
     * Sleeps durably: the wake-up time is recorded, so the sleep survives restarts. A short
     * sleep keeps the run in memory; a long one releases its thread and the run is resumed by
     * replay when due.
     *
     * @param duration how long, zero or more
     */
    void sleep(Duration duration);

    /**
     * Sleeps durably until an instant; returns at once when it has passed.
     *
     * @param wakeAt when to continue
     */
    void sleepUntil(Instant wakeAt);

    /**
     * Waits durably for a signal sent to this run (for instance a human approval), or until the
     * timeout passes. Signals of one name are consumed in the order they arrived; a signal sent
     * before the run waits for it is kept until it does.
     *
     * @param name    the signal's name
     * @param type    the payload type
     * @param timeout how long to wait at most
     * @param <T>     the payload type
     * @return the payload, or empty when the timeout passed first
     */
    <T> Optional<T> awaitSignal(String name, Class<T> type, Duration timeout);

    /**
     * Waits durably for a signal whose payload has a generic type.
     *
     * @param name    the signal's name
     * @param type    the payload type
     * @param timeout how long to wait at most
     * @param <T>     the payload type
     * @return the payload, or empty when the timeout passed first
     */
    <T> Optional<T> awaitSignal(String name, TypeRef<T> type, Duration timeout);

    /** @return the current time, recorded on first execution and identical on replay */
    Instant now();

    /** @return a random generator seeded once per run and recorded, so replays see the same numbers */
    Random random();

    /** @return a random UUID drawn from {@link #random()}, identical on replay */
    UUID uuid();

    /**
     * Marks a change of workflow code. Runs that reach this point for the first time, or that
     * recorded the same mark, get {@code true} and take the new path; runs that recorded the old
     * path here get {@code false} and keep following it. Once no run in flight predates the change,
     * remove the call and the old branch.
     *
     * <pre>{@code
     * if (flow.patched("send-receipt")) {
     *     flow.step("send-receipt", () -> mailer.receipt(order));
     * }
     * }</pre>
     *
     * @param changeId a name for the change, unique within the workflow
     * @return whether this run follows the new code
     */
    boolean patched(String changeId);

    /** @return true once cancellation of this run was requested */
    boolean isCancelRequested();
}
