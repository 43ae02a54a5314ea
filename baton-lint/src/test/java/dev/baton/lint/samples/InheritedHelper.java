package dev.baton.lint.samples;

import dev.baton.Flow;

/** A workflow that calls a helper inherited from its base class. */
public final class InheritedHelper extends BaseWorkflow<String> {
    @Override
    public String run(Flow flow, String input) {
        return input + newId() + recordedId(flow);
    }
}
