package dev.baton.spi;

import dev.baton.LockSpec;
import dev.baton.RunListener;
import dev.baton.SecretProvider;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;

import java.time.Duration;
import java.util.List;

/**
 * The settings collected by {@link dev.baton.BatonBuilder}.
 *
 * @param store         where runs are stored
 * @param workflows     the registered workflows
 * @param listeners     progress listeners
 * @param workerId      this process's worker id, or null for the default
 * @param inMemoryWait  the longest wait kept in memory
 * @param lease         the lease on a claimed run
 * @param pollInterval  the interval between polls
 * @param maxActiveRuns the most runs executing at once
 * @param secrets       where steps' secrets come from
 * @param locks         the declared locks and pools
 * @param triggers      by downstream workflow, the triggers that start it
 * @param schedules     by workflow, the schedules that start it
 * @param codeVersion   the version of the code this process runs, or null to detect it
 * @param acceptedVersions the other code versions whose runs this worker executes besides its own,
 *                      or null for runs of any version
 * @param telemetry     metrics, traces and the step log limit
 * @param alerts        the alert settings, or null when alerts are off
 */
public record BatonConfig(StoreConfig store, List<WorkflowDefinition<?, ?>> workflows, List<RunListener> listeners,
                          String workerId, Duration inMemoryWait, Duration lease, Duration pollInterval,
                          int maxActiveRuns, SecretProvider secrets, List<LockSpec> locks,
                          java.util.Map<String, List<dev.baton.Trigger>> triggers,
                          java.util.Map<String, List<dev.baton.Schedule>> schedules,
                          String codeVersion, List<String> acceptedVersions, TelemetryConfig telemetry,
                          dev.baton.alert.Alerts alerts) {

    /** Settings without alerts. */
    public BatonConfig(StoreConfig store, List<WorkflowDefinition<?, ?>> workflows, List<RunListener> listeners,
                       String workerId, Duration inMemoryWait, Duration lease, Duration pollInterval,
                       int maxActiveRuns, SecretProvider secrets, List<LockSpec> locks,
                       java.util.Map<String, List<dev.baton.Trigger>> triggers,
                       java.util.Map<String, List<dev.baton.Schedule>> schedules,
                       String codeVersion, List<String> acceptedVersions, TelemetryConfig telemetry) {
        this(store, workflows, listeners, workerId, inMemoryWait, lease, pollInterval, maxActiveRuns, secrets, locks,
                triggers, schedules, codeVersion, acceptedVersions, telemetry, null);
    }

    /**
     * Settings without a declared code version, accepting runs of any version, with the default
     * telemetry: the global meter registry and OpenTelemetry, 8 MiB of log per attempt.
     */
    public BatonConfig(StoreConfig store, List<WorkflowDefinition<?, ?>> workflows, List<RunListener> listeners,
                       String workerId, Duration inMemoryWait, Duration lease, Duration pollInterval,
                       int maxActiveRuns, SecretProvider secrets, List<LockSpec> locks,
                       java.util.Map<String, List<dev.baton.Trigger>> triggers,
                       java.util.Map<String, List<dev.baton.Schedule>> schedules) {
        this(store, workflows, listeners, workerId, inMemoryWait, lease, pollInterval, maxActiveRuns, secrets, locks,
                triggers, schedules, null, null, TelemetryConfig.defaults());
    }

    /** Settings with the default telemetry. */
    public BatonConfig(StoreConfig store, List<WorkflowDefinition<?, ?>> workflows, List<RunListener> listeners,
                       String workerId, Duration inMemoryWait, Duration lease, Duration pollInterval,
                       int maxActiveRuns, SecretProvider secrets, List<LockSpec> locks,
                       java.util.Map<String, List<dev.baton.Trigger>> triggers,
                       java.util.Map<String, List<dev.baton.Schedule>> schedules,
                       String codeVersion, List<String> acceptedVersions) {
        this(store, workflows, listeners, workerId, inMemoryWait, lease, pollInterval, maxActiveRuns, secrets, locks,
                triggers, schedules, codeVersion, acceptedVersions, TelemetryConfig.defaults());
    }
}
