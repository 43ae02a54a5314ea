package dev.baton.spi;

/**
 * Checks a cron expression with the engine's cron library, so that
 * {@link dev.baton.Schedule#cron(String, java.time.ZoneId)} rejects a bad expression where it
 * is written rather than when the engine starts. Found with {@link java.util.ServiceLoader}; for
 * engine implementations only.
 */
public interface CronValidator {

    /**
     * @param expression a cron expression, fields separated by single spaces
     * @throws IllegalArgumentException when the expression is invalid or matches no time at
     *         all; the message is the reason alone, without the expression
     */
    void validate(String expression);
}
