package dev.baton;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a failed step attempt is retried: at most {@code maxAttempts} attempts in all, waiting
 * {@code initialInterval × coefficient^(n-1)} after the n-th failure, capped at
 * {@code maxInterval}, spread by ±{@code jitter} (a fraction). Exceptions of a
 * {@linkplain #withNonRetryable non-retryable} type, exceptions marked {@link NonRetryable}, and
 * any {@link Error}, end the step at once.
 * Waits between attempts are durable timers.
 *
 * <p>Immutable; every {@code with} method returns a validated copy.
 *
 * @param maxAttempts     attempts in all, at least 1
 * @param initialInterval the wait after the first failure
 * @param coefficient     the growth of the wait per attempt, at least 1.0
 * @param maxInterval     the longest wait, at least {@code initialInterval}
 * @param jitter          the random spread of each wait, from 0.0 to 1.0
 * @param nonRetryable    exception types that end the step at once (subclasses included)
 */
public record Retry(int maxAttempts, Duration initialInterval, double coefficient, Duration maxInterval,
                    double jitter, List<Class<? extends Throwable>> nonRetryable) {

    /** Default wait after the first failure of {@link #exponential(int)}: 1 second. */
    public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);
    /** Default growth factor of {@link #exponential(int)}: 2.0. */
    public static final double DEFAULT_COEFFICIENT = 2.0;
    /** Default cap on one wait of {@link #exponential(int)}: 5 minutes. */
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofMinutes(5);

    /** Validates every field; the message names the field and the bad value. */
    public Retry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (initialInterval.isNegative()) {
            throw new IllegalArgumentException("initialInterval must be >= 0, was " + initialInterval);
        }
        if (!(coefficient >= 1.0) || Double.isInfinite(coefficient)) {
            throw new IllegalArgumentException("coefficient must be >= 1.0, was " + coefficient);
        }
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException(
                    "maxInterval must be >= initialInterval (" + initialInterval + "), was " + maxInterval);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0.0 and 1.0, was " + jitter);
        }
        nonRetryable = List.copyOf(Objects.requireNonNull(nonRetryable, "nonRetryable"));
    }

    /** @return a policy of a single attempt: the step's first failure is final (the default) */
    public static Retry none() {
        return new Retry(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of());
    }

    /**
     * Exponential backoff: 1 s, 2 s, 4 s, … capped at 5 minutes, no jitter.
     *
     * @param maxAttempts attempts in all, at least 1
     * @return the policy
     */
    public static Retry exponential(int maxAttempts) {
        return new Retry(maxAttempts, DEFAULT_INITIAL_INTERVAL, DEFAULT_COEFFICIENT, DEFAULT_MAX_INTERVAL, 0.0, List.of());
    }

    /**
     * The same wait between all attempts.
     *
     * @param maxAttempts attempts in all, at least 1
     * @param interval    the wait after each failure
     * @return the policy
     */
    public static Retry fixed(int maxAttempts, Duration interval) {
        return new Retry(maxAttempts, interval, 1.0, interval, 0.0, List.of());
    }

    /** @param value the wait after the first failure; maxInterval grows to match if smaller
     *  @return a copy */
    public Retry withInitialInterval(Duration value) {
        Duration max = maxInterval.compareTo(value) < 0 ? value : maxInterval;
        return new Retry(maxAttempts, value, coefficient, max, jitter, nonRetryable);
    }

    /** @param value the growth per attempt, at least 1.0 @return a copy */
    public Retry withCoefficient(double value) {
        return new Retry(maxAttempts, initialInterval, value, maxInterval, jitter, nonRetryable);
    }

    /** @param value the longest wait @return a copy */
    public Retry withMaxInterval(Duration value) {
        return new Retry(maxAttempts, initialInterval, coefficient, value, jitter, nonRetryable);
    }

    /** @param value the random spread of each wait, 0.0 to 1.0 @return a copy */
    public Retry withJitter(double value) {
        return new Retry(maxAttempts, initialInterval, coefficient, maxInterval, value, nonRetryable);
    }

    /** @param value attempts in all @return a copy */
    public Retry withMaxAttempts(int value) {
        return new Retry(value, initialInterval, coefficient, maxInterval, jitter, nonRetryable);
    }

    /**
     * @param types exception types that end the step at once, subclasses included
     * @return a copy
     */
    @SafeVarargs
    public final Retry withNonRetryable(Class<? extends Throwable>... types) {
        return new Retry(maxAttempts, initialInterval, coefficient, maxInterval, jitter, List.of(types));
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}, without jitter.
     *
     * @param failedAttempt the attempt that just failed, from 1
     * @return the wait
     */
    public Duration baseDelay(int failedAttempt) {
        double millis = initialInterval.toMillis() * Math.pow(coefficient, Math.max(0, failedAttempt - 1));
        long capped = (long) Math.min(millis, (double) maxInterval.toMillis());
        return Duration.ofMillis(capped);
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}, with jitter applied.
     *
     * @param failedAttempt the attempt that just failed, from 1
     * @param uniform       a number drawn uniformly from [0, 1)
     * @return the wait
     */
    public Duration delay(int failedAttempt, double uniform) {
        long base = baseDelay(failedAttempt).toMillis();
        double spread = jitter * (uniform * 2.0 - 1.0);
        return Duration.ofMillis(Math.max(0L, Math.round(base * (1.0 + spread))));
    }

    /**
     * @param failure a failed attempt's exception
     * @return whether this policy allows another attempt after it (attempts left aside)
     */
    public boolean isRetryable(Throwable failure) {
        if (failure instanceof Error || failure instanceof NonRetryable) {
            return false;
        }
        for (Class<? extends Throwable> type : nonRetryable) {
            if (type.isInstance(failure)) {
                return false;
            }
        }
        return true;
    }
}
