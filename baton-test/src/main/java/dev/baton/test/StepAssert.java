package dev.baton.test;

import dev.baton.AttemptInfo;
import dev.baton.StepInfo;
import dev.baton.StepStatus;
import org.assertj.core.api.AbstractAssert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Assertions on one step of a run: its outcome, its attempts and the delays between them. */
public final class StepAssert extends AbstractAssert<StepAssert, StepInfo> {
    private final RunAssert run;
    private final String runId;

    StepAssert(RunAssert run, String runId, StepInfo actual) {
        super(actual, StepAssert.class);
        this.run = run;
        this.runId = runId;
    }

    /** @return the run's assertions, to go on with */
    public RunAssert and() {
        return run;
    }

    /** @param expected the step's status @return this */
    public StepAssert hasStatus(StepStatus expected) {
        if (actual.status() != expected) {
            failWithMessage("expected step '%s' of run %s to be %s but it is %s", actual.name(), runId, expected, actual.status());
        }
        return this;
    }

    /** @return this, when the step completed */
    public StepAssert succeeded() {
        return hasStatus(StepStatus.COMPLETED);
    }

    /** @return this, when the step failed for good */
    public StepAssert failed() {
        return hasStatus(StepStatus.FAILED);
    }

    /** @param expected how many attempts the step took @return this */
    public StepAssert hasAttempts(int expected) {
        if (actual.attempts().size() != expected) {
            failWithMessage("expected step '%s' of run %s to take %d attempts but it took %d: %s", actual.name(), runId,
                    expected, actual.attempts().size(), actual.attempts());
        }
        return this;
    }

    /**
     * @param expected the delays between the end of each attempt and the start of the next, in order
     * @return this
     */
    public StepAssert hasAttemptDelays(Duration... expected) {
        List<Duration> delays = attemptDelays();
        if (!delays.equals(List.of(expected))) {
            failWithMessage("expected the delays between the attempts of step '%s' of run %s to be%n  %s%nbut they were%n  %s",
                    actual.name(), runId, List.of(expected), delays);
        }
        return this;
    }

    /** @return the delays between the end of each attempt and the start of the next */
    public List<Duration> attemptDelays() {
        List<Duration> delays = new ArrayList<>();
        List<AttemptInfo> attempts = actual.attempts();
        for (int i = 1; i < attempts.size(); i++) {
            AttemptInfo before = attempts.get(i - 1);
            AttemptInfo after = attempts.get(i);
            if (before.endedAt() != null && after.startedAt() != null) {
                delays.add(Duration.between(before.endedAt(), after.startedAt()));
            }
        }
        return delays;
    }

    /** @param fragment a part of the step's error @return this */
    public StepAssert hasErrorContaining(String fragment) {
        if (actual.error() == null || !(actual.error().type() + ": " + actual.error().message()).contains(fragment)) {
            failWithMessage("expected step '%s' of run %s to have an error containing '%s' but it has %s", actual.name(),
                    runId, fragment, actual.error());
        }
        return this;
    }
}
