package dev.baton.test;

import dev.baton.RunInfo;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.TimelineEvent;

import java.util.List;
import java.util.Optional;

/**
 * Everything the store holds about one run, read at one moment: the run, its steps with their
 * attempts, and its timeline. What {@link BatonAssertions#assertThat(RunView)} checks.
 *
 * @param info     the run
 * @param steps    its steps in sequence order (sleeps, signals, children and patches included)
 * @param timeline its events in order
 */
public record RunView(RunInfo info, List<StepInfo> steps, List<TimelineEvent> timeline) {

    /** @return the run's id */
    public String id() {
        return info.id();
    }

    /** @return the names of the run's steps of kind STEP, in the order they ran */
    public List<String> stepNames() {
        return steps.stream().filter(s -> s.kind() == StepKind.STEP).map(StepInfo::name).toList();
    }

    /** @param name a step's name @return its first occurrence in the run */
    public Optional<StepInfo> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
