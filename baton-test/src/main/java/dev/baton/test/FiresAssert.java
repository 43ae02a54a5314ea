package dev.baton.test;

import dev.baton.ScheduleFire;
import org.assertj.core.api.AbstractAssert;

import java.time.Instant;
import java.util.List;

/** Assertions on a schedule's fires: when they were due, what became of them and why. */
public final class FiresAssert extends AbstractAssert<FiresAssert, List<ScheduleFire>> {

    FiresAssert(List<ScheduleFire> actual) {
        super(actual, FiresAssert.class);
        isNotNull();
    }

    /** @param expected the fires' logical times, exactly and in order @return this */
    public FiresAssert hasLogicalTimes(Instant... expected) {
        List<Instant> got = actual.stream().map(ScheduleFire::logicalTime).toList();
        if (!got.equals(List.of(expected))) {
            failWithMessage("expected fires at%n  %s%nbut the schedule fired at%n  %s", List.of(expected), got);
        }
        return this;
    }

    /** @param outcome started, skipped or buffered @param expected how many fires had it @return this */
    public FiresAssert hasOutcomeCount(ScheduleFire.Outcome outcome, int expected) {
        long count = actual.stream().filter(f -> f.outcome() == outcome).count();
        if (count != expected) {
            failWithMessage("expected %d fires %s but there were %d: %s", expected, outcome, count, actual);
        }
        return this;
    }

    /** @param logicalTime a fire's logical time @param reasonFragment a part of the reason it was skipped @return this */
    public FiresAssert skippedAt(Instant logicalTime, String reasonFragment) {
        ScheduleFire fire = actual.stream().filter(f -> f.logicalTime().equals(logicalTime)).findFirst().orElse(null);
        if (fire == null) {
            failWithMessage("expected a fire at %s but there is none", logicalTime);
        } else if (fire.outcome() != ScheduleFire.Outcome.SKIPPED || fire.reason() == null
                || !fire.reason().contains(reasonFragment)) {
            failWithMessage("expected the fire at %s to be skipped because '%s' but it was %s (%s)", logicalTime,
                    reasonFragment, fire.outcome(), fire.reason());
        }
        return this;
    }

    /** @param maximum the most a fire's run may have started after its due time @return this */
    public FiresAssert neverLaterThan(java.time.Duration maximum) {
        for (ScheduleFire fire : actual) {
            if (fire.recordedAt() != null && fire.dueAt() != null
                    && java.time.Duration.between(fire.dueAt(), fire.recordedAt()).compareTo(maximum) > 0) {
                failWithMessage("the fire at %s was recorded at %s, more than %s after it was due at %s",
                        fire.logicalTime(), fire.recordedAt(), maximum, fire.dueAt());
            }
        }
        return this;
    }
}
