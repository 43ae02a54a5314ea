package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Sleeps on the workflow thread instead of durably. */
public final class Sleeps implements Workflow<String, String> {
    @Override
    public String run(Flow flow, String input) throws Exception {
        Thread.sleep(1_000); // expect: sleep
        TimeUnit.SECONDS.sleep(1); // expect: sleep
        flow.sleep(Duration.ofSeconds(1));
        flow.step("poll", () -> Thread.sleep(10));
        return input;
    }
}
