package dev.baton.cli.lintsample;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.time.Instant;

/** A workflow that reads the clock outside a step, for the tests of {@code baton lint}. */
public final class StampedGreeting implements Workflow<String, String> {
    /** The line of the clock read, which the tests expect in the output. */
    public static final int CLOCK_LINE = 15;

    @Override
    public String run(Flow flow, String name) {
        Instant at = Instant.now();
        return flow.step("greet", () -> "hello " + name + " at " + at);
    }
}
