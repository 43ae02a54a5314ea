package dev.baton.lint.badsamples;

import dev.baton.Flow;
import dev.baton.SuppressDeterminism;
import dev.baton.Workflow;

/** A suppression naming a rule that does not exist: the scan refuses it. */
public final class UnknownRuleSuppression implements Workflow<String, String> {
    @Override
    @SuppressDeterminism(value = "typo in the rule id", rules = "wallclock")
    public String run(Flow flow, String input) {
        return input + System.currentTimeMillis();
    }
}
