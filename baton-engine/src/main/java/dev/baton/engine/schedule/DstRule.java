package dev.baton.engine.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * The rule that turns a local wall-clock fire time into one instant, around daylight saving
 * (and any other offset) transitions:
 * <ul>
 *   <li><b>Gap</b> (spring forward): a local time that does not exist fires at the first valid
 *       instant after the gap, the transition itself. 02:30 on the night Berlin moves from
 *       02:00 CET to 03:00 CEST fires at 03:00 CEST. Several times in one gap (02:00, 02:15,
 *       02:30, 02:45) all land on that instant, and fire there once.</li>
 *   <li><b>Overlap</b> (fall back): a local time that exists twice fires at its first
 *       occurrence, with the earlier offset. 02:30 on the night Berlin moves from 03:00 CEST
 *       back to 02:00 CET fires at 02:30 CEST only. Each local time fires once, so an hourly
 *       job does not run twice and the second pass through the hour has no fires.</li>
 *   <li>Otherwise a local time has one instant.</li>
 * </ul>
 *
 * <p>Java's own {@code ZonedDateTime.of} shifts a gap time by the gap's length (02:30 would
 * become 03:30) and cron libraries differ among themselves, hence a rule of our own, applied
 * to local times the cron library computed without any zone.
 *
 * <p>The mapping never runs backwards: a later local time never gives an earlier instant. That
 * is what lets {@link FireTimes} walk local times in order and drop repeats.
 */
public final class DstRule {

    private DstRule() {
    }

    /**
     * @param local a wall-clock time
     * @param rules the zone's rules
     * @return the instant the local time fires at
     */
    public static Instant toInstant(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (offsets.isEmpty()) {
            return transition.getInstant();
        }
        // In an overlap the offset before the transition is the larger one: the earlier instant.
        return local.toInstant(transition.getOffsetBefore());
    }
}
