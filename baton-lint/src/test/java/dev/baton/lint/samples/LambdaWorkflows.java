package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;
import dev.baton.WorkflowDefinition;

import java.time.Instant;

/** Workflows written as a lambda and as an anonymous class, inside a class that is no workflow. */
public final class LambdaWorkflows {
    /** A lambda workflow that reads the clock. */
    public static final WorkflowDefinition<String, String> STAMPED = WorkflowDefinition.of("stamped", String.class,
            (flow, input) -> input + Instant.now()); // expect: wall-clock

    /** @return an anonymous workflow that sleeps */
    public static Workflow<String, String> sleeper() {
        return new Workflow<>() {
            @Override
            public String run(Flow flow, String input) throws Exception {
                Thread.sleep(10); // expect: sleep
                return flow.step("echo", () -> input + Instant.now());
            }
        };
    }

    private LambdaWorkflows() {
    }
}
