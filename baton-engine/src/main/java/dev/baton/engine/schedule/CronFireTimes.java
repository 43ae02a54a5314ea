package dev.baton.engine.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Fire times of a cron expression in a zone. The cron library only ever sees local date-times
 * (presented at UTC, which has no transitions), so its own handling of daylight saving plays
 * no part; the {@link DstRule} alone decides which instant a local time fires at.
 */
final class CronFireTimes extends FireTimes {

    private final ExecutionTime execution;
    private final ZoneRules rules;

    CronFireTimes(Cron cron, ZoneId zone) {
        this.execution = ExecutionTime.forCron(cron);
        this.rules = zone.getRules();
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        // Starting from the local time of the instant is safe: the DST rule never maps a later
        // local time to an earlier instant, so no local time at or before it can fire after it.
        // Local times after it can still fire at or before it (the second pass through a
        // repeated hour fires at the first pass); those are skipped.
        LocalDateTime local = LocalDateTime.ofInstant(instant, rules.getOffset(instant)).truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime cursor = local.atZone(ZoneOffset.UTC);
        while (true) {
            Optional<ZonedDateTime> next = execution.nextExecution(cursor);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            cursor = next.get();
            Instant fire = DstRule.toInstant(cursor.toLocalDateTime(), rules);
            if (fire.isAfter(instant)) {
                return Optional.of(fire);
            }
        }
    }
}
