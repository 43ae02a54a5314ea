package dev.baton;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of one step: its {@link Retry} policy and the timeout of each attempt. Immutable.
 *
 * <pre>{@code
 * flow.step("swap", StepOptions.retry(Retry.exponential(5)).withTimeout(Duration.ofMinutes(2)), () -> ...);
 * }</pre>
 *
 * @param retry   the retry policy; default {@link Retry#none()}
 * @param timeout the longest one attempt may run, or null for none (the default); an attempt
 *                past it is interrupted and fails with {@link StepTimeoutException}
 * @param locks   locks and pools (declared with {@link BatonBuilder#lock}) the step holds while
 *                it runs, all of its attempts and backoffs included; default none
 */
public record StepOptions(Retry retry, Duration timeout, List<String> locks) {

    private static final StepOptions DEFAULTS = new StepOptions(Retry.none(), null, List.of());

    /** Validates the fields. */
    public StepOptions {
        Objects.requireNonNull(retry, "retry");
        locks = List.copyOf(locks == null ? List.of() : locks);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
    }

    /** @return one attempt, no timeout */
    public static StepOptions defaults() {
        return DEFAULTS;
    }

    /** @param retry the retry policy @return options with it */
    public static StepOptions retry(Retry retry) {
        return new StepOptions(retry, null, List.of());
    }

    /**
     * @param names locks or pools the step holds while it runs, taken in name order
     * @return options with them
     */
    public static StepOptions locking(String... names) {
        return new StepOptions(Retry.none(), null, List.of(names));
    }

    /** @param timeout the timeout of each attempt @return options with it */
    public static StepOptions timeout(Duration timeout) {
        return new StepOptions(Retry.none(), timeout, List.of());
    }

    /** @param value the retry policy @return a copy */
    public StepOptions withRetry(Retry value) {
        return new StepOptions(value, timeout, locks);
    }

    /** @param value the timeout of each attempt, or null for none @return a copy */
    public StepOptions withTimeout(Duration value) {
        return new StepOptions(retry, value, locks);
    }

    /** @param names locks or pools the step holds while it runs @return a copy */
    public StepOptions withLocks(String... names) {
        return new StepOptions(retry, timeout, List.of(names));
    }
}
