package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.UUID;

/** A base class for workflows, whose helper its subclasses call. */
public abstract class BaseWorkflow<I> implements Workflow<I, String> {
    protected String newId() {
        return UUID.randomUUID().toString(); // expect: random
    }

    /** @param flow the run @return a recorded id, the way to do it */
    protected String recordedId(Flow flow) {
        return flow.uuid().toString();
    }
}
