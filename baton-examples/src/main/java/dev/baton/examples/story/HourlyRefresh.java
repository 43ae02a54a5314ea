package dev.baton.examples.story;

import dev.baton.Flow;
import dev.baton.StepOptions;
import dev.baton.Workflow;

/**
 * Job 3 of the story: an hourly, resource-hungry refresh that writes the same sales table as
 * job 1. It holds the {@code heavy} lock for its whole run, so it never runs beside job 1 or job 2;
 * on the long nights its hourly fires wait, and further fires are skipped (overlap SKIP) rather than
 * piling up.
 */
public final class HourlyRefresh implements Workflow<Void, Long> {
    @Override
    public Long run(Flow flow, Void input) {
        long rows = flow.step("read-sales-table", () -> 42L);
        return flow.step("refresh-aggregates", StepOptions.locking(StoryCatalog.SALES_TABLE), () -> rows * 2);
    }
}
