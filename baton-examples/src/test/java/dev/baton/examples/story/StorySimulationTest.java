package dev.baton.examples.story;

import dev.baton.Baton;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.Manifests;
import dev.baton.engine.simulate.Durations;
import dev.baton.engine.simulate.DurationsFile;
import dev.baton.engine.simulate.Finding;
import dev.baton.engine.simulate.ScheduleSimulation;
import dev.baton.engine.simulate.SimulatedRun;
import dev.baton.engine.simulate.SimulationReport;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story's long nights, simulated with the durations shipped beside it: job 1 takes three
 * hours instead of one, job 3's hourly fires wait behind it or are skipped, job 2 publishes two
 * hours late, and no person had to cancel anything.
 */
class StorySimulationTest {

    private static Durations storyDurations() throws Exception {
        try (InputStream in = StoryCatalog.class.getResourceAsStream("durations.json")) {
            assertThat(in).as("durations.json beside the story").isNotNull();
            return DurationsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Manifest storyManifest() {
        return Manifests.of(Baton.builder().workflows(new StoryCatalog()).config(), null);
    }

    private static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(NightlyLoad.ZONE).toInstant();
    }

    @Test
    void theDurationsFileMakesExactlyTheCodesLongNightsLong() throws Exception {
        Durations durations = storyDurations();
        for (Durations.DateOverride override : durations.overrides()) {
            // The run on date D loads business day D - 1: the code's own rule says that day is long.
            assertThat(NightlyLoad.isLongNight(override.date().minusDays(1))).as(override.toString()).isTrue();
            assertThat(override.factor()).isEqualTo(3.0);
        }
        assertThat(durations.overrides()).extracting(Durations.DateOverride::date)
                .contains(LocalDate.of(2027, 7, 1), LocalDate.of(2028, 1, 1));
    }

    @Test
    void onTheLongNightsHourlyRefreshWaitsOrIsSkippedAndPublishReportIsLate() throws Exception {
        SimulationReport report = ScheduleSimulation.of(storyManifest()).durations(storyDurations())
                .from(LocalDate.of(2027, 6, 28)).run(190); // to 2028-01-04: both long nights of 2027

        // Job 3's fires at 04:00 and 05:00 are skipped (its 03:00 run still waits), on both nights and only then.
        assertThat(report.findings(Finding.Kind.FIRE_SKIPPED)).extracting(Finding::workflow, Finding::logicalTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("HourlyRefresh", berlin(2027, 7, 1, 4, 0)),
                        org.assertj.core.groups.Tuple.tuple("HourlyRefresh", berlin(2027, 7, 1, 5, 0)),
                        org.assertj.core.groups.Tuple.tuple("HourlyRefresh", berlin(2028, 1, 1, 4, 0)),
                        org.assertj.core.groups.Tuple.tuple("HourlyRefresh", berlin(2028, 1, 1, 5, 0)));
        assertThat(report.findings(Finding.Kind.FIRE_SKIPPED).get(0).detail())
                .contains("previous run HourlyRefresh@2027-07-01 03:00 still running; overlap SKIP");

        for (int[] night : new int[][] {{2027, 7, 1}, {2028, 1, 1}}) {
            int y = night[0], m = night[1], d = night[2];
            // Job 1 waits 10 minutes for job 3's 02:00 run, then loads for three hours.
            SimulatedRun load = report.run("NightlyLoad", berlin(y, m, d, 2, 0)).orElseThrow();
            assertThat(load.startedAt()).isEqualTo(berlin(y, m, d, 2, 10));
            assertThat(load.endedAt()).isEqualTo(berlin(y, m, d, 5, 10));
            // Job 3's 03:00 run waits behind job 1 for 2h10m and runs when it has finished.
            SimulatedRun refresh = report.run("HourlyRefresh", berlin(y, m, d, 3, 0)).orElseThrow();
            assertThat(refresh.startedAt()).isEqualTo(berlin(y, m, d, 5, 10));
            assertThat(refresh.waited()).isEqualTo(Duration.ofMinutes(130));
            assertThat(report.run("HourlyRefresh", berlin(y, m, d, 4, 0))).isEmpty();
            // Job 2 starts when job 1 has ended, behind job 3's waiting run: 05:20 instead of 03:20.
            SimulatedRun publish = report.run("PublishReport", berlin(y, m, d, 2, 0)).orElseThrow();
            assertThat(publish.createdAt()).isEqualTo(berlin(y, m, d, 5, 10));
            assertThat(publish.startedAt()).isEqualTo(berlin(y, m, d, 5, 20));
            assertThat(publish.endedAt()).isEqualTo(berlin(y, m, d, 5, 25));
        }
        // On an ordinary night job 2 is done at 03:25, within its deadline.
        SimulatedRun ordinary = report.run("PublishReport", berlin(2027, 6, 30, 2, 0)).orElseThrow();
        assertThat(ordinary.startedAt()).isEqualTo(berlin(2027, 6, 30, 3, 20));

        assertThat(report.findings(Finding.Kind.LONG_WAIT)).extracting(Finding::workflow, Finding::logicalTime, Finding::duration)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("HourlyRefresh", berlin(2027, 7, 1, 3, 0), Duration.ofMinutes(130)),
                        org.assertj.core.groups.Tuple.tuple("HourlyRefresh", berlin(2028, 1, 1, 3, 0), Duration.ofMinutes(130)));
        assertThat(report.findings(Finding.Kind.DEADLINE_MISSED)).extracting(Finding::workflow, Finding::at, Finding::duration)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PublishReport", berlin(2027, 7, 1, 5, 0), Duration.ofMinutes(25)),
                        org.assertj.core.groups.Tuple.tuple("PublishReport", berlin(2028, 1, 1, 5, 0), Duration.ofMinutes(25)));
        // The heavy lock kept every run apart: no two runs of the story overlap in time.
        List<SimulatedRun> ran = report.runs().stream().filter(r -> r.startedAt() != null).toList();
        for (SimulatedRun a : ran) {
            for (SimulatedRun b : ran) {
                if (a != b) {
                    assertThat(a.endedAt().isAfter(b.startedAt()) && b.endedAt().isAfter(a.startedAt()))
                            .as(a.id() + " overlaps " + b.id()).isFalse();
                }
            }
        }
        assertThat(report.findings(Finding.Kind.LOCK_SKIPPED)).isEmpty();
        assertThat(report.findings(Finding.Kind.LOCK_FAILED)).isEmpty();
    }

    @Test
    void atTheSlowPercentileOrdinaryNightsStillKeepTheDeadline() throws Exception {
        SimulationReport report = ScheduleSimulation.of(storyManifest()).durations(storyDurations())
                .percentile(dev.baton.engine.simulate.Percentile.MAX).from(LocalDate.of(2027, 6, 28)).run(2);
        // 02:00 job 3 (20m), job 1 02:20-03:40, job 3's 03:00 run 03:40-04:00, job 2 04:00-04:05.
        SimulatedRun publish = report.run("PublishReport", berlin(2027, 6, 28, 2, 0)).orElseThrow();
        assertThat(publish.endedAt()).isEqualTo(berlin(2027, 6, 28, 4, 5));
        assertThat(report.findings(Finding.Kind.DEADLINE_MISSED)).isEmpty();
    }
}
