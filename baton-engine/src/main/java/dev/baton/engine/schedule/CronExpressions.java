package dev.baton.engine.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.baton.spi.CronValidator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses the cron expressions {@link dev.baton.Schedule} accepts: Unix cron's 5 fields, or the
 * same fields with seconds first. Both follow Unix cron: Sunday is 0 or 7, names for months
 * and days, and a day restricted by both day of month and day of week fires when either
 * matches. Quartz-only syntax ({@code ?}, {@code L}, {@code W}, {@code #}) and nicknames
 * ({@code @daily}) are rejected, so that an expression means the same thing everywhere.
 *
 * <p>Also the {@link CronValidator} behind {@code Schedule.cron}, found with
 * {@link java.util.ServiceLoader}. Thread-safe.
 */
public final class CronExpressions implements CronValidator {

    private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
    private static final CronParser SIX_FIELDS = new CronParser(definition(true));

    /**
     * Where the "can it ever fire" search starts. A fixed date keeps the answer the same on
     * every machine and day; from it, cron-utils looks far enough ahead to find Feb 29.
     */
    private static final LocalDateTime NEVER_FIRES_PROBE = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** For {@link java.util.ServiceLoader}. */
    public CronExpressions() {
    }

    /**
     * @param expression a 5- or 6-field expression
     * @throws IllegalArgumentException with the cron library's reason, or "never fires"
     */
    @Override
    public void validate(String expression) {
        parse(expression);
    }

    /**
     * @param expression a 5- or 6-field expression, fields separated by spaces
     * @return the parsed expression, validated, and known to fire at least once
     * @throws IllegalArgumentException with the reason, without the expression itself
     */
    public static Cron parse(String expression) {
        String normalized = expression.strip().replaceAll("\\s+", " ");
        int fields = normalized.isEmpty() ? 0 : normalized.split(" ").length;
        CronParser parser = switch (fields) {
            case 5 -> FIVE_FIELDS;
            case 6 -> SIX_FIELDS;
            default -> throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month"
                    + " day-of-week) or 6 (second first), found " + fields);
        };
        Cron cron;
        try {
            cron = parser.parse(normalized).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // cron-utils reports some malformed input with other runtime exceptions.
            throw new IllegalArgumentException("cannot parse: " + e, e);
        }
        if (ExecutionTime.forCron(cron).nextExecution(NEVER_FIRES_PROBE.atZone(ZoneOffset.UTC)).isEmpty()) {
            throw new IllegalArgumentException("it never fires: no date matches it");
        }
        return cron;
    }

    private static CronDefinition definition(boolean seconds) {
        // The same fields as cron-utils' UNIX definition, optionally preceded by seconds.
        CronDefinitionBuilder builder = CronDefinitionBuilder.defineCron();
        if (seconds) {
            builder = builder.withSeconds().withStrictRange().and();
        }
        return builder
                .withMinutes().withStrictRange().and()
                .withHours().withStrictRange().and()
                .withDayOfMonth().withStrictRange().and()
                .withMonth().withStrictRange().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
                .instance();
    }
}
