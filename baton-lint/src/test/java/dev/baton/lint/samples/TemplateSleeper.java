package dev.baton.lint.samples;

import dev.baton.Flow;

/** Implements the template's hook with a sleep on the workflow thread. */
public final class TemplateSleeper extends TemplateWorkflow {
    @Override
    protected String finish(Flow flow, String prepared) throws Exception {
        Thread.sleep(100); // expect: sleep
        return prepared;
    }
}
