package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.SuppressDeterminism;
import dev.baton.Workflow;

/** A suppression of another rule than the one broken: the finding stays. */
public final class WrongSuppression implements Workflow<String, String> {
    @Override
    @SuppressDeterminism(value = "the random draw is for a log line", rules = "random")
    public String run(Flow flow, String input) {
        return input + System.currentTimeMillis(); // expect: wall-clock
    }
}
