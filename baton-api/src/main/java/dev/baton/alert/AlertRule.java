package dev.baton.alert;

/**
 * What Baton alerts on. Every rule is on by default for every workflow; a workflow narrows them
 * with {@link dev.baton.WorkflowDefinition#withAlertRules}, and {@link Alerts.Builder#rules}
 * changes the default for all.
 */
public enum AlertRule {
    /** A run failed for good: after its steps' last retries, not when a retry recovers a step. */
    RUN_FAILED,
    /** A run is still running past its workflow's deadline, or finished after it. */
    DEADLINE_MISSED,
    /** A schedule's fire was expected but did not start within the grace period. */
    SCHEDULE_MISSED,
    /** A schedule's fire was skipped (its overlap policy, for instance). */
    FIRE_SKIPPED,
    /**
     * A run completed on time after earlier alerts: the workflow's open incidents are resolved
     * and a "resolved" message goes to the channels that were told of them.
     */
    RECOVERED
}
