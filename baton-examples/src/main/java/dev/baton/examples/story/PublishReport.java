package dev.baton.examples.story;

import dev.baton.Flow;
import dev.baton.Workflow;

/**
 * Job 2 of the story: publishes the night's report. It starts when job 1 has <em>finished</em>
 * (a trigger on NightlyLoad's success), not 45 minutes after job 1 usually starts, and gets job 1's
 * report as its input.
 */
public final class PublishReport implements Workflow<NightlyLoad.LoadReport, String> {
    @Override
    public String run(Flow flow, NightlyLoad.LoadReport report) {
        return flow.step("publish", () -> "published " + report.rows() + " rows of " + report.day());
    }
}
