package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

/** A base class whose run method calls a hook that each subclass implements. */
public abstract class TemplateWorkflow implements Workflow<String, String> {
    @Override
    public final String run(Flow flow, String input) throws Exception {
        String prepared = flow.step("prepare", () -> input.strip());
        return finish(flow, prepared);
    }

    /** @param flow the run @param prepared the prepared input @return the result */
    protected abstract String finish(Flow flow, String prepared) throws Exception;
}
