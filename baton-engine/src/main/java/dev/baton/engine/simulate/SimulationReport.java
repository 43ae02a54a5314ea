package dev.baton.engine.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link ScheduleSimulation} found: every run it laid on the calendar and every finding
 * (skipped fires, waits behind locks, long waits, missed deadlines, runs a lock's policy skipped
 * or failed), in time order, with the assumptions it made.
 *
 * @param from          the first instant simulated
 * @param to            the end of the simulated range (fires before it; their runs are followed to their end)
 * @param zone          the zone times are shown in
 * @param percentile    which expected durations were used
 * @param waitThreshold the wait beyond which a wait is a {@link Finding.Kind#LONG_WAIT}
 * @param runs          the runs, in the order they were started
 * @param findings      the findings, by time
 * @param assumptions   what the simulation assumed, for people (workflows without a duration, what it cannot see)
 */
public record SimulationReport(Instant from, Instant to, ZoneId zone, Percentile percentile, Duration waitThreshold,
                               List<SimulatedRun> runs, List<Finding> findings, List<String> assumptions) {

    /** Copies the lists. */
    public SimulationReport {
        runs = List.copyOf(runs);
        findings = List.copyOf(findings);
        assumptions = List.copyOf(assumptions);
    }

    /** @param kind a kind @return the findings of that kind, by time */
    public List<Finding> findings(Finding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    /** @param workflow a workflow @return its runs, in the order they were started */
    public List<SimulatedRun> runsOf(String workflow) {
        return runs.stream().filter(r -> r.workflow().equals(workflow)).toList();
    }

    /** @param workflow a workflow @param logicalTime a logical time @return the first run of it for that time, if any */
    public Optional<SimulatedRun> run(String workflow, Instant logicalTime) {
        return runs.stream().filter(r -> r.workflow().equals(workflow) && r.logicalTime().equals(logicalTime)).findFirst();
    }

    /** @return whether anything was found beside plain waits within the threshold */
    public boolean hasConflicts() {
        return findings.stream().anyMatch(f -> f.kind() != Finding.Kind.LOCK_WAIT);
    }
}
