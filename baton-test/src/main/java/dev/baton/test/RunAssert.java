package dev.baton.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.TimelineEvent;
import org.assertj.core.api.AbstractAssert;

import java.time.Instant;
import java.util.List;

/** Assertions on one run: its status and result, the steps that ran, what it waited for. */
public final class RunAssert extends AbstractAssert<RunAssert, RunView> {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    RunAssert(RunView actual) {
        super(actual, RunAssert.class);
        isNotNull();
    }

    /** @param expected the status @return this */
    public RunAssert hasStatus(RunStatus expected) {
        if (actual.info().status() != expected) {
            failWithMessage("expected run %s (%s) to be %s but it is %s%s", actual.id(), actual.info().workflow(), expected,
                    actual.info().status(), errorSuffix());
        }
        return this;
    }

    /** @return this, when the run completed */
    public RunAssert isCompleted() {
        return hasStatus(RunStatus.COMPLETED);
    }

    /** @return this, when the run failed */
    public RunAssert isFailed() {
        return hasStatus(RunStatus.FAILED);
    }

    /** @return this, when the run was cancelled */
    public RunAssert isCancelled() {
        return hasStatus(RunStatus.CANCELLED);
    }

    /** @return this, when the run was skipped (a lock policy, an overlap) */
    public RunAssert isSkipped() {
        return hasStatus(RunStatus.SKIPPED);
    }

    /** @return this, when the run waits (a timer, a signal, a lock or slot, a child) */
    public RunAssert isWaiting() {
        return hasStatus(RunStatus.WAITING);
    }

    /**
     * @param expected the result, compared as JSON (a record, a map, a number, a string...)
     * @return this
     */
    public RunAssert hasResult(Object expected) {
        JsonNode want = JSON.valueToTree(expected);
        JsonNode got;
        try {
            got = actual.info().output() == null ? JSON.nullNode() : JSON.readTree(actual.info().output());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the result of run " + actual.id() + " is not JSON: " + actual.info().output(), e);
        }
        if (!want.equals(got)) {
            failWithMessage("expected run %s to return%n  %s%nbut it returned%n  %s", actual.id(), want, got);
        }
        return this;
    }

    /** @param fragment a part of the run's error message @return this */
    public RunAssert hasErrorContaining(String fragment) {
        if (actual.info().error() == null) {
            failWithMessage("expected run %s to have an error containing '%s' but it has none (it is %s)", actual.id(),
                    fragment, actual.info().status());
        } else if (!(actual.info().error().type() + ": " + actual.info().error().message()).contains(fragment)) {
            failWithMessage("expected the error of run %s to contain '%s' but it is%n  %s: %s", actual.id(), fragment,
                    actual.info().error().type(), actual.info().error().message());
        }
        return this;
    }

    /** @param names the run's steps, exactly and in order (sleeps, signals and children left out) @return this */
    public RunAssert ranSteps(String... names) {
        List<String> got = actual.stepNames();
        if (!got.equals(List.of(names))) {
            failWithMessage("expected run %s to run the steps%n  %s%nbut it ran%n  %s", actual.id(), List.of(names), got);
        }
        return this;
    }

    /** @param name a step the run ran (the branch it took) @return this */
    public RunAssert ranStep(String name) {
        if (!actual.stepNames().contains(name)) {
            failWithMessage("expected run %s to run step '%s' but it ran only %s", actual.id(), name, actual.stepNames());
        }
        return this;
    }

    /** @param name a step the run did not run (the branch it did not take) @return this */
    public RunAssert didNotRunStep(String name) {
        if (actual.stepNames().contains(name)) {
            failWithMessage("expected run %s not to run step '%s' but it did: %s", actual.id(), name, actual.stepNames());
        }
        return this;
    }

    /**
     * @param fragment a part of what the run waited for at some point ("lock 'heavy'", "signal 'approve'",
     *                 "timer", "slot of pool")
     * @return this
     */
    public RunAssert waitedFor(String fragment) {
        boolean found = actual.timeline().stream()
                .anyMatch(e -> e.type().equals("RUN_WAITING") && e.detail() != null && e.detail().contains(fragment))
                || (actual.info().waitingFor() != null && actual.info().waitingFor().contains(fragment));
        if (!found) {
            List<String> waits = actual.timeline().stream().filter(e -> e.type().equals("RUN_WAITING"))
                    .map(TimelineEvent::detail).toList();
            failWithMessage("expected run %s to have waited for '%s' but it waited for %s", actual.id(), fragment, waits);
        }
        return this;
    }

    /** @param fragment a part of a wait the run must never have had @return this */
    public RunAssert neverWaitedFor(String fragment) {
        actual.timeline().stream()
                .filter(e -> e.type().equals("RUN_WAITING") && e.detail() != null && e.detail().contains(fragment))
                .findFirst()
                .ifPresent(e -> failWithMessage("expected run %s never to wait for '%s' but at %s it waited for %s",
                        actual.id(), fragment, e.at(), e.detail()));
        return this;
    }

    /** @param expected the logical (scheduled) time the run was started for @return this */
    public RunAssert hasLogicalTime(Instant expected) {
        if (!expected.equals(actual.info().logicalTime())) {
            failWithMessage("expected run %s to have logical time %s but it has %s", actual.id(), expected,
                    actual.info().logicalTime());
        }
        return this;
    }

    /** @param name a step of the run @return assertions on its first occurrence */
    public StepAssert step(String name) {
        StepInfo step = actual.step(name).orElse(null);
        if (step == null) {
            failWithMessage("run %s has no step '%s'; its steps are %s", actual.id(), name,
                    actual.steps().stream().map(StepInfo::name).toList());
        }
        return new StepAssert(this, actual.id(), step);
    }

    private String errorSuffix() {
        return actual.info().error() == null ? ""
                : String.format("%n  error: %s: %s", actual.info().error().type(), actual.info().error().message());
    }
}
