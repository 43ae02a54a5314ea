package dev.baton.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What a stubbed step does instead of (or before) its own body, attempt by attempt: fail the
 * first attempts, then return a value, fail for good, or run the real body; optionally take a
 * given time on each attempt. Created by {@link BatonTestKit#stub(String)}:
 *
 * <pre>{@code
 * kit.stub("extract").failTimes(2, () -> new IOException("disk gone")).thenReturn(42L);
 * kit.stub("load").takes(Duration.ofHours(3));      // slow, then the real body
 * }</pre>
 */
public final class StepStub {
    private final String step;
    private String workflow;
    private Duration takes = Duration.ZERO;
    private final List<Callable<?>> firstAttempts = new ArrayList<>();
    private Callable<?> thereafter;
    private boolean proceedThereafter = true;

    StepStub(String step) {
        this.step = step;
    }

    /** @param value the workflow whose step this is; by default a step of this name in any workflow @return this */
    public StepStub inWorkflow(String value) {
        this.workflow = Objects.requireNonNull(value, "workflow");
        return this;
    }

    /**
     * @param duration how long each attempt takes, in virtual time, before its outcome
     * @return this
     */
    public StepStub takes(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("the duration of stubbed step '" + step + "' must be >= 0, was " + duration);
        }
        this.takes = duration;
        return this;
    }

    /**
     * Fails the next {@code times} attempts with a new exception each.
     *
     * @param times   how many attempts fail
     * @param failure makes the exception each failing attempt throws
     * @return this
     */
    public StepStub failTimes(int times, java.util.function.Supplier<? extends Exception> failure) {
        if (times < 1) {
            throw new IllegalArgumentException("failTimes of stubbed step '" + step + "' must be >= 1, was " + times);
        }
        Objects.requireNonNull(failure, "failure");
        for (int i = 0; i < times; i++) {
            firstAttempts.add(() -> {
                throw failure.get();
            });
        }
        return this;
    }

    /** @param value what every later attempt returns @return this */
    public StepStub thenReturn(Object value) {
        this.thereafter = () -> value;
        this.proceedThereafter = false;
        return this;
    }

    /** @param value what every attempt returns @return this */
    public StepStub returns(Object value) {
        return thenReturn(value);
    }

    /** @param failure makes the exception every later attempt throws @return this */
    public StepStub thenFail(java.util.function.Supplier<? extends Exception> failure) {
        Objects.requireNonNull(failure, "failure");
        this.thereafter = () -> {
            throw failure.get();
        };
        this.proceedThereafter = false;
        return this;
    }

    /** Later attempts run the step's own body (the default). @return this */
    public StepStub thenProceed() {
        this.thereafter = null;
        this.proceedThereafter = true;
        return this;
    }

    String step() {
        return step;
    }

    boolean appliesTo(String workflowName, String stepName) {
        return step.equals(stepName) && (workflow == null || workflow.equals(workflowName));
    }

    Duration duration() {
        return takes;
    }

    /** @param attempt the attempt, from 1 @param body the real body @return the outcome of this attempt */
    Object outcome(int attempt, Callable<?> body) throws Exception {
        if (attempt <= firstAttempts.size()) {
            return firstAttempts.get(attempt - 1).call();
        }
        return proceedThereafter ? body.call() : thereafter.call();
    }
}
