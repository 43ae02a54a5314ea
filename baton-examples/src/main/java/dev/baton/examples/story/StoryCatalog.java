package dev.baton.examples.story;

import dev.baton.BatonBuilder;
import dev.baton.CatchUp;
import dev.baton.Overlap;
import dev.baton.Schedule;
import dev.baton.Trigger;
import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertRule;

import java.time.Duration;
import java.util.List;

/**
 * The story Baton exists for, as code to review. Job 1 (NightlyLoad) runs nightly at 02:00 Berlin
 * time and twice a year takes three times as long. Job 2 (PublishReport) runs after job 1 has
 * finished. Job 3 (HourlyRefresh) runs hourly, is resource-hungry and must never run beside job 1
 * or job 2. Jobs 1 and 3 write the same table and must never do so at once. No person has to
 * cancel anything on the long nights.
 */
public final class StoryCatalog implements WorkflowCatalog {
    /** Held for the whole run by all three jobs: they never run beside each other. */
    public static final String HEAVY = "heavy";
    /** Held by the steps of jobs 1 and 3 that write the sales table. */
    public static final String SALES_TABLE = "sales-table";

    /** Job 1: 02:00 every night, Berlin time; a fire that comes while it still runs is skipped. */
    public static final Schedule NIGHTLY = Schedule.cron("0 2 * * *", NightlyLoad.ZONE).overlap(Overlap.SKIP);
    /** Job 3: at the top of every hour; fires missed while Baton was down are not made up. */
    public static final Schedule HOURLY = Schedule.cron("0 * * * *", NightlyLoad.ZONE).overlap(Overlap.SKIP)
            .catchUp(CatchUp.none());

    /** Where the story's runbooks live. */
    static final String RUNBOOKS = "https://wiki.example.com/runbooks/";

    @Override
    public List<WorkflowDefinition<?, ?>> workflows() {
        return List.of(nightlyLoad(), publishReport(), hourlyRefresh());
    }

    @Override
    public void register(BatonBuilder builder) {
        builder.lock(HEAVY).lock(SALES_TABLE)
                .workflow(nightlyLoad(), NIGHTLY)
                .workflow(publishReport(), Trigger.after(NightlyLoad.class))
                .workflow(hourlyRefresh(), HOURLY);
    }

    static WorkflowDefinition<?, ?> nightlyLoad() {
        return WorkflowDefinition.of(new NightlyLoad()).withLocks(HEAVY)
                .withOwner("team-data").withRunbook(RUNBOOKS + "nightly-load")
                // The report is due at the start of the working day: alert when the load is not done by 07:00.
                .withDeadline(Duration.ofHours(5))
                .withDescription("Job 1: loads the day's sales every night at 02:00 Berlin time; three times as long at the end of June and December.");
    }

    static WorkflowDefinition<?, ?> publishReport() {
        return WorkflowDefinition.of(new PublishReport()).withLocks(HEAVY)
                .withOwner("team-data").withRunbook(RUNBOOKS + "publish-report")
                .withDescription("Job 2: publishes the night's report once job 1 has finished.");
    }

    static WorkflowDefinition<?, ?> hourlyRefresh() {
        return WorkflowDefinition.of(new HourlyRefresh()).withLocks(HEAVY)
                .withOwner("team-data").withRunbook(RUNBOOKS + "hourly-refresh")
                .withDeadline(Duration.ofMinutes(50))
                // Its fires are skipped on purpose while job 1 runs: only failures, lateness and missed fires alert.
                .withAlertRules(AlertRule.RUN_FAILED, AlertRule.DEADLINE_MISSED, AlertRule.SCHEDULE_MISSED,
                        AlertRule.RECOVERED)
                .withDescription("Job 3: hourly, resource-hungry refresh; never beside jobs 1 and 2, never writing the sales table with job 1.");
    }
}
