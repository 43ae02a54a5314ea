package dev.baton;

import java.time.Duration;

/**
 * Implemented by an exception that knows how long to wait before the next attempt, such as an
 * HTTP 429 or 503 with a {@code Retry-After} header. The next attempt waits at least that long,
 * and at least as long as the step's {@link Retry} policy says.
 */
public interface RetryAfter {
    /** @return the least wait before the next attempt */
    Duration retryAfter();
}
