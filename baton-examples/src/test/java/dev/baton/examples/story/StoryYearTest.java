package dev.baton.examples.story;

import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.ScheduleFire;
import dev.baton.test.BatonTestKit;
import dev.baton.test.StepExecution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story over a simulated year, in virtual time: the schedules fire as they would from
 * 2027-01-01 to 2028-01-01 (DST changes, the two long nights at the end of June and December
 * included), the real engine runs every job on a real SQLite file, and the rules hold on every
 * night without anyone cancelling anything.
 *
 * <p>Jobs take time: the nightly load sleeps for its hour (three on the long nights) between its
 * steps, as its code says; the test kit makes the other steps take the minutes a real system would.
 */
class StoryYearTest {
    private static final Instant FROM = Instant.parse("2027-01-01T12:00:00Z");
    private static final Instant UNTIL = Instant.parse("2028-01-01T12:00:00Z");

    @Test
    void aYearOfNightsKeepsEveryRuleWithoutAnyoneCancellingAnything() {
        int days = Integer.getInteger("baton.story.days", 365);
        Instant until = days >= 365 ? UNTIL : FROM.plus(Duration.ofDays(days));
        long realStart = System.nanoTime();
        try (BatonTestKit kit = BatonTestKit.builder().startAt(FROM)
                .configure(b -> b.workflows(new StoryCatalog()).lease(Duration.ofHours(6)).pollInterval(Duration.ofHours(6)))
                .start()) {
            kit.stub("write-sales-table").takes(Duration.ofMinutes(10)).thenProceed();
            kit.stub("publish").takes(Duration.ofMinutes(30)).thenProceed();
            kit.stub("read-sales-table").takes(Duration.ofMinutes(5)).thenProceed();
            kit.stub("refresh-aggregates").takes(Duration.ofMinutes(20)).thenProceed();

            kit.runUntil(until);
            long realMillis = (System.nanoTime() - realStart) / 1_000_000;

            List<RunInfo> loads = kit.runs("NightlyLoad");
            List<RunInfo> reports = kit.runs("PublishReport");
            List<RunInfo> refreshes = kit.runs("HourlyRefresh");
            List<ScheduleFire> hourlyFires = kit.fires("HourlyRefresh", StoryCatalog.HOURLY.id());
            System.out.printf("a simulated year (%s to %s): %d nightly loads, %d reports, %d hourly refreshes, "
                            + "%d hourly fires skipped, %d step attempts, in %d ms of real time%n",
                    FROM, until, loads.size(), reports.size(), refreshes.size(),
                    hourlyFires.stream().filter(f -> f.outcome() == ScheduleFire.Outcome.SKIPPED).count(),
                    kit.executions().size(), realMillis);
            System.out.println(kit.describeClock());

            // Every night had its load, and nothing was cancelled or failed: no one had to step in.
            assertThat(loads).hasSize(days >= 365 ? 365 : days);
            List<RunInfo> all = new ArrayList<>(loads);
            all.addAll(reports);
            all.addAll(refreshes);
            assertThat(all).allSatisfy(run -> assertThat(run.status())
                    .as("run %s of %s", run.id(), run.workflow()).isIn(RunStatus.COMPLETED, RunStatus.RUNNING,
                            RunStatus.WAITING, RunStatus.PENDING));
            assertThat(all).filteredOn(run -> run.endedAt() != null && run.endedAt().isBefore(until.minus(Duration.ofHours(6))))
                    .allSatisfy(run -> assertThat(run.status()).as("run %s of %s", run.id(), run.workflow())
                            .isEqualTo(RunStatus.COMPLETED));

            Map<String, Interval> intervals = intervals(kit.executions());

            // Job 2 starts after job 1 of the same night has finished, with that night's logical time.
            Map<Instant, RunInfo> loadByNight = new HashMap<>();
            loads.forEach(load -> loadByNight.put(load.logicalTime(), load));
            for (RunInfo report : reports) {
                RunInfo load = loadByNight.get(report.logicalTime());
                assertThat(load).as("the load of the night of report %s (%s)", report.id(), report.logicalTime()).isNotNull();
                assertThat(load.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(report.createdAt()).as("report %s created", report.id()).isAfterOrEqualTo(load.endedAt());
                assertThat(intervals.get(report.id()).start).as("report %s first step", report.id())
                        .isAfterOrEqualTo(load.endedAt());
            }
            assertThat(reports).hasSizeGreaterThanOrEqualTo(loads.size() - 1);

            // Job 3 never runs while job 1 or job 2 runs.
            List<Interval> nightly = new ArrayList<>();
            loads.forEach(r -> nightly.add(intervals.get(r.id())));
            reports.forEach(r -> nightly.add(intervals.get(r.id())));
            for (RunInfo refresh : refreshes) {
                Interval own = intervals.get(refresh.id());
                if (own == null) {
                    continue; // created at the very end, not begun
                }
                for (Interval other : nightly) {
                    if (other != null) {
                        assertThat(own.overlaps(other)).as("refresh %s %s overlaps %s %s", refresh.id(), own, other.runId, other)
                                .isFalse();
                    }
                }
            }

            // The sales table is never written by two jobs at once.
            List<StepExecution> writes = kit.executions().stream()
                    .filter(e -> e.step().equals("write-sales-table") || e.step().equals("refresh-aggregates")).toList();
            for (int i = 0; i < writes.size(); i++) {
                for (int j = i + 1; j < writes.size(); j++) {
                    assertThat(writes.get(i).overlaps(writes.get(j))).as("%s and %s", writes.get(i), writes.get(j)).isFalse();
                }
            }

            // The two long nights: the load took three hours, its report came after it, and the
            // hourly fires that came while the refresh waited behind the load were skipped, with the reason.
            for (LocalDate longDay : List.of(LocalDate.of(2027, 6, 30), LocalDate.of(2027, 12, 31))) {
                RunInfo load = loads.stream().filter(r -> r.output() != null && r.output().contains("\"day\":\"" + longDay + "\""))
                        .findFirst().orElseThrow(() -> new AssertionError("no load of " + longDay));
                assertThat(load.output()).contains("\"hours\":3");
                ZonedDateTime night = longDay.plusDays(1).atTime(2, 0).atZone(NightlyLoad.ZONE);
                assertThat(Duration.between(night.toInstant(), load.endedAt())).isGreaterThanOrEqualTo(Duration.ofHours(3));
                RunInfo report = reports.stream().filter(r -> r.logicalTime().equals(load.logicalTime())).findFirst().orElseThrow();
                assertThat(report.createdAt()).isAfterOrEqualTo(load.endedAt());
                for (int hour : new int[] {4, 5}) {
                    Instant fire = longDay.plusDays(1).atTime(hour, 0).atZone(NightlyLoad.ZONE).toInstant();
                    ScheduleFire hourly = hourlyFires.stream().filter(f -> f.logicalTime().equals(fire)).findFirst()
                            .orElseThrow(() -> new AssertionError("no hourly fire at " + fire));
                    assertThat(hourly.outcome()).as("hourly fire at %s", fire).isEqualTo(ScheduleFire.Outcome.SKIPPED);
                    assertThat(hourly.reason()).isNotBlank();
                }
            }
            // Fires are skipped only while the night's jobs hold the refresh back (a refresh on its own
            // never outlasts the hour), and each says why.
            assertThat(hourlyFires).filteredOn(f -> f.outcome() == ScheduleFire.Outcome.SKIPPED).allSatisfy(f -> {
                int hour = f.logicalTime().atZone(NightlyLoad.ZONE).getHour();
                assertThat(hour).as("skipped hourly fire at %s", f.logicalTime()).isBetween(2, 7);
                assertThat(f.reason()).isNotBlank();
            });
        }
    }

    private static Map<String, Interval> intervals(List<StepExecution> executions) {
        Map<String, Interval> byRun = new HashMap<>();
        for (StepExecution e : executions) {
            byRun.merge(e.runId(), new Interval(e.runId(), e.start(), e.end()), Interval::span);
        }
        return byRun;
    }

    /** From a run's first step start to its last step end, in virtual time. */
    private record Interval(String runId, Instant start, Instant end) {
        Interval span(Interval other) {
            return new Interval(runId, start.isBefore(other.start) ? start : other.start,
                    end.isAfter(other.end) ? end : other.end);
        }

        boolean overlaps(Interval other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }
}
