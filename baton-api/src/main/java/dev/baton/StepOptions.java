package dev.baton;

import java.time.Duration;
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
 */
public record StepOptions(Retry retry, Duration timeout) {

    private static final StepOptions DEFAULTS = new StepOptions(Retry.none(), null);

    /** Validates the fields. */
    public StepOptions {
        Objects.requireNonNull(retry, "retry");
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
        return new StepOptions(retry, null);
    }

    /** @param timeout the timeout of each attempt @return options with it */
    public static StepOptions timeout(Duration timeout) {
        return new StepOptions(Retry.none(), timeout);
    }

    /** @param value the retry policy @return a copy */
    public StepOptions withRetry(Retry value) {
        return new StepOptions(value, timeout);
    }

    /** @param value the timeout of each attempt, or null for none @return a copy */
    public StepOptions withTimeout(Duration value) {
        return new StepOptions(retry, value);
    }
}
