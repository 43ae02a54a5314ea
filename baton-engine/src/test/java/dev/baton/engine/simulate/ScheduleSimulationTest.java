package dev.baton.engine.simulate;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.LockPolicy;
import dev.baton.LockSpec;
import dev.baton.Overlap;
import dev.baton.Schedule;
import dev.baton.Trigger;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.schedule.Jitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ScheduleSimulationTest {
    private static final LocalDate DAY = LocalDate.of(2027, 3, 1);

    private static WorkflowDefinition<String, String> wf(String name) {
        return WorkflowDefinition.of(name, String.class, (flow, in) -> in);
    }

    private static Instant utc(int hour, int minute) {
        return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private static SimulationReport simulate(BatonBuilder app, Durations durations) {
        return ScheduleSimulation.of(app.config()).durations(durations).zone(ZoneOffset.UTC).from(DAY).run(1);
    }

    @Test
    void skipDropsFiresWhileTheRunRunsAndBufferOneKeepsOnlyTheNewest() {
        BatonBuilder app = Baton.builder()
                .workflow(wf("Skipper"), Schedule.cron("0 * * * *", "UTC").overlap(Overlap.SKIP))
                .workflow(wf("Buffer"), Schedule.cron("0 * * * *", "UTC").overlap(Overlap.BUFFER_ONE));
        // Each run takes 2h30m: of the fires at 00:00, 01:00, 02:00, 03:00 ...
        SimulationReport report = simulate(app, Durations.of(Duration.ofMinutes(150)));

        assertThat(report.runsOf("Skipper")).extracting(SimulatedRun::logicalTime)
                .startsWith(utc(0, 0), utc(3, 0), utc(6, 0));
        assertThat(report.runsOf("Buffer")).extracting(SimulatedRun::logicalTime, SimulatedRun::startedAt)
                .startsWith(tuple(utc(0, 0), utc(0, 0)), tuple(utc(2, 0), utc(2, 30)), tuple(utc(4, 0), utc(5, 0)));
        // Buffer: 01:00 held, replaced by 02:00 (skipped), which starts at 02:30.
        assertThat(report.findings(Finding.Kind.FIRE_SKIPPED)).filteredOn(f -> f.workflow().equals("Buffer"))
                .first().satisfies(f -> {
                    assertThat(f.logicalTime()).isEqualTo(utc(1, 0));
                    assertThat(f.detail()).contains("replaced by the later fire 2027-03-01 02:00");
                });
        assertThat(report.findings(Finding.Kind.FIRE_SKIPPED)).filteredOn(f -> f.workflow().equals("Skipper"))
                .extracting(Finding::logicalTime).startsWith(utc(1, 0), utc(2, 0), utc(4, 0));
    }

    @Test
    void cancelPreviousCancelsTheRunningRun() {
        BatonBuilder app = Baton.builder()
                .workflow(wf("Newest"), Schedule.cron("0 * * * *", "UTC").overlap(Overlap.CANCEL_PREVIOUS));
        SimulationReport report = simulate(app, Durations.of(Duration.ofMinutes(90)));
        assertThat(report.runsOf("Newest").get(0).status()).isEqualTo("CANCELLED");
        assertThat(report.runsOf("Newest").get(0).endedAt()).isEqualTo(utc(1, 0));
        // 24 fires: each of the first 23 runs is cancelled by the next fire; the last one completes.
        assertThat(report.findings(Finding.Kind.CANCELLED)).hasSize(23);
        assertThat(report.runsOf("Newest").get(23).status()).isEqualTo("COMPLETED");
    }

    @Test
    void aPoolLetsAsManyRunsAsItHasSlotsAndTheRestWaitInLine() {
        BatonBuilder app = Baton.builder().pool("db", 2)
                .workflow(wf("A").withLocks("db"), Schedule.cron("0 1 * * *", "UTC"))
                .workflow(wf("B").withLocks("db"), Schedule.cron("0 1 * * *", "UTC"))
                .workflow(wf("C").withLocks("db"), Schedule.cron("0 1 * * *", "UTC"));
        SimulationReport report = simulate(app, Durations.of(Duration.ofMinutes(40)));
        assertThat(report.runs()).extracting(SimulatedRun::workflow, SimulatedRun::startedAt)
                .containsExactly(tuple("A", utc(1, 0)), tuple("B", utc(1, 0)), tuple("C", utc(1, 40)));
        assertThat(report.findings(Finding.Kind.LONG_WAIT)).extracting(Finding::workflow, Finding::duration)
                .containsExactly(tuple("C", Duration.ofMinutes(40)));
        assertThat(report.findings(Finding.Kind.LONG_WAIT).get(0).detail()).contains("lock 'db' held by A@2027-03-01 01:00, B@2027-03-01 01:00");
    }

    @Test
    void lockPoliciesSkipFailOrGiveUpAfterTheMaximumWait() {
        BatonBuilder app = Baton.builder()
                .lock(LockSpec.lock("skip").whenTaken(LockPolicy.SKIP))
                .lock(LockSpec.lock("fail").whenTaken(LockPolicy.FAIL))
                .lock(LockSpec.lock("patient").maxWait(Duration.ofMinutes(10)))
                .workflow(wf("Holder").withLocks("skip", "fail", "patient"), Schedule.cron("0 1 * * *", "UTC"))
                .workflow(wf("S").withLocks("skip"), Schedule.cron("5 1 * * *", "UTC"))
                .workflow(wf("F").withLocks("fail"), Schedule.cron("5 1 * * *", "UTC"))
                .workflow(wf("P").withLocks("patient"), Schedule.cron("5 1 * * *", "UTC"));
        SimulationReport report = simulate(app, Durations.of(Duration.ofMinutes(30)));
        assertThat(report.runsOf("S").get(0).status()).isEqualTo("SKIPPED");
        assertThat(report.runsOf("F").get(0).status()).isEqualTo("FAILED");
        assertThat(report.runsOf("P").get(0).status()).isEqualTo("FAILED");
        assertThat(report.runsOf("P").get(0).endedAt()).isEqualTo(utc(1, 15));
        assertThat(report.findings(Finding.Kind.LOCK_SKIPPED)).extracting(Finding::workflow).containsExactly("S");
        assertThat(report.findings(Finding.Kind.LOCK_FAILED)).extracting(Finding::workflow).containsExactly("F", "P");
    }

    @Test
    void triggersFollowTheirUpstreamAndAFanInWaitsForAll() {
        BatonBuilder app = Baton.builder()
                .workflow(wf("A"), Schedule.cron("0 1 * * *", "UTC"))
                .workflow(wf("B"), Schedule.cron("0 1 * * *", "UTC"))
                .workflow(wf("AfterA"), Trigger.after("A"))
                .workflow(wf("AfterBoth"), Trigger.afterAll("A", "B"));
        SimulationReport report = simulate(app, Durations.of(Duration.ofMinutes(10)).with("B", Duration.ofMinutes(45))
                .deadline("AfterBoth", Duration.ofMinutes(30)));
        assertThat(report.runsOf("AfterA")).extracting(SimulatedRun::createdAt, SimulatedRun::logicalTime)
                .containsExactly(tuple(utc(1, 10), utc(1, 0)));
        assertThat(report.runsOf("AfterBoth")).extracting(SimulatedRun::createdAt).containsExactly(utc(1, 45));
        assertThat(report.findings(Finding.Kind.DEADLINE_MISSED)).extracting(Finding::workflow, Finding::at, Finding::duration)
                .containsExactly(tuple("AfterBoth", utc(1, 30), Duration.ofMinutes(25)));
    }

    @Test
    void dateOverridesAndPercentilesSetTheDuration() {
        Durations durations = Durations.defaults().with("A", Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30))
                .scaledOn("A", DAY, 3.0, "month end").takesOn("A", DAY.plusDays(1), Duration.ofHours(2), null);
        Instant day1 = utc(1, 0);
        assertThat(durations.of("A", day1, Percentile.P50)).isEqualTo(Duration.ofMinutes(30));
        assertThat(durations.of("A", day1, Percentile.P90)).isEqualTo(Duration.ofMinutes(60));
        assertThat(durations.of("A", day1.plus(Duration.ofDays(1)), Percentile.MAX)).isEqualTo(Duration.ofHours(2));
        assertThat(durations.of("A", day1.plus(Duration.ofDays(2)), Percentile.MAX)).isEqualTo(Duration.ofMinutes(30));
        assertThat(durations.of("Other", day1, Percentile.MAX)).isEqualTo(Durations.DEFAULT);
    }

    @Test
    void onTheSpringForwardNightTheEnginesDstRuleDecidesTheFires() {
        // 2027-03-28 in Berlin: 02:00 does not exist; the engine fires 02:00 and 03:00 once, at 03:00 CEST.
        BatonBuilder app = Baton.builder().workflow(wf("Hourly"), Schedule.cron("0 * * * *", "Europe/Berlin"));
        SimulationReport report = ScheduleSimulation.of(app.config()).from(LocalDate.of(2027, 3, 28)).run(1);
        assertThat(report.runsOf("Hourly")).hasSize(23);
        assertThat(report.runsOf("Hourly")).extracting(SimulatedRun::logicalTime)
                .contains(Instant.parse("2027-03-28T00:00:00Z"), Instant.parse("2027-03-28T01:00:00Z"))
                .doesNotHaveDuplicates();
    }

    @Test
    void aConcurrencyLimitIsAPoolOfItsOwnAndJitterDelaysEachFireAsTheEngineDoes() {
        Schedule everyHalfHour = Schedule.cron("*/30 * * * *", "UTC").overlap(Overlap.ALLOW_ALL)
                .jitter(Duration.ofMinutes(5));
        BatonBuilder app = Baton.builder().workflow(wf("Limited").withConcurrency(1), everyHalfHour);
        SimulationReport report = simulate(app, Durations.of(Duration.ofMinutes(45)));
        List<SimulatedRun> runs = report.runsOf("Limited");
        for (SimulatedRun run : runs) {
            assertThat(run.createdAt()).isEqualTo(Jitter.dueAt("Limited", everyHalfHour, run.logicalTime()));
        }
        // One at a time: each run starts when the one before it ended, and the line grows.
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startedAt()).isEqualTo(runs.get(i - 1).endedAt());
        }
        assertThat(runs.get(1).waitedFor()).contains("lock 'workflow:Limited'");
        assertThat(report.findings(Finding.Kind.LONG_WAIT)).isNotEmpty();
    }

    @Test
    void refusesADayCountOutOfRange() {
        ScheduleSimulation simulation = ScheduleSimulation.of(Baton.builder().workflow(wf("A")).config());
        assertThatThrownBy(() -> simulation.run(0)).hasMessageContaining("days must be between 1 and");
    }
}
