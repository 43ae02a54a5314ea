package dev.baton;

/**
 * Marks an exception that ends its step at once, whatever the step's {@link Retry} policy says:
 * a retry cannot fix it (a command that does not exist, a response that does not parse).
 */
public interface NonRetryable {
}
