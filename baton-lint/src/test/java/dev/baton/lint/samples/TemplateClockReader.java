package dev.baton.lint.samples;

import dev.baton.Flow;

/** Implements the template's hook with a clock read on the workflow thread. */
public final class TemplateClockReader extends TemplateWorkflow {
    @Override
    protected String finish(Flow flow, String prepared) {
        return prepared + System.currentTimeMillis(); // expect: wall-clock
    }
}
