package dev.baton.it;

import dev.baton.Baton;
import dev.baton.Overlap;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.Schedule;
import dev.baton.ScheduleFire;
import dev.baton.ScheduleInfo;
import dev.baton.WorkflowDefinition;
import dev.baton.WorkflowNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(90)
class SchedulesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** When each run's step first executed, by logical time, read from the wall clock inside the step. */
    private final Map<Instant, Instant> executedAt = new ConcurrentHashMap<>();

    private WorkflowDefinition<String, String> tick(String name, long sleepMillis) {
        return WorkflowDefinition.of(name, String.class, (flow, input) -> flow.step("work", () -> {
            executedAt.putIfAbsent(flow.logicalTime(), Instant.now());
            Thread.sleep(sleepMillis);
            return "done " + flow.logicalTime();
        }));
    }

    private static List<RunInfo> runsOf(Baton baton, String workflow) {
        return baton.runs(RunQuery.all().withWorkflow(workflow));
    }

    @Test
    void anIntervalScheduleFiresRepeatedlyWithItsFireTimeAsLogicalTimeAndNeverEarly() {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1)).id("tick");
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(tick("Tick", 0), everySecond))) {
            TestEngines.await("three completed scheduled runs", WAIT, () -> runsOf(baton, "Tick").stream()
                    .filter(r -> r.status() == RunStatus.COMPLETED).count() >= 3);

            for (RunInfo run : runsOf(baton, "Tick")) {
                assertThat(run.logicalTime()).isNotNull();
                assertThat(run.logicalTime().getNano()).isZero();
                assertThat(run.startedAt()).isAfterOrEqualTo(run.logicalTime());
                if (executedAt.containsKey(run.logicalTime())) {
                    assertThat(executedAt.get(run.logicalTime())).isAfterOrEqualTo(run.logicalTime());
                }
            }
            List<ScheduleFire> fires = baton.fires("Tick", "tick", 100);
            assertThat(fires).allSatisfy(f -> {
                assertThat(f.outcome()).isEqualTo(ScheduleFire.Outcome.STARTED);
                assertThat(f.recordedAt()).isAfterOrEqualTo(f.dueAt());
                assertThat(baton.findRun(f.runId()).orElseThrow().logicalTime()).isEqualTo(f.logicalTime());
            });
            assertThat(fires).extracting(ScheduleFire::logicalTime).isSortedAccordingTo((a, b) -> b.compareTo(a));
            ScheduleInfo info = baton.schedules().get(0);
            assertThat(info.workflow()).isEqualTo("Tick");
            assertThat(info.id()).isEqualTo("tick");
            assertThat(info.paused()).isFalse();
            assertThat(info.nextFire()).isAfter(info.lastFire());
        }
    }

    @Test
    void twoEnginesOnOneFileNeverDoubleAFire() {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1)).id("tick");
        Path db = dir.resolve("shared.db");
        try (Baton first = TestEngines.open(db, b -> b.workflow(tick("Tick", 0), everySecond));
             Baton second = TestEngines.open(db, b -> b.workflow(tick("Tick", 0), everySecond))) {
            TestEngines.await("five scheduled runs", WAIT, () -> runsOf(first, "Tick").size() >= 5);

            List<RunInfo> runs = runsOf(second, "Tick");
            Set<Instant> logicalTimes = new HashSet<>();
            for (RunInfo run : runs) {
                assertThat(logicalTimes.add(run.logicalTime())).as("one run per fire %s", run.logicalTime()).isTrue();
            }
            List<ScheduleFire> fires = first.fires("Tick", "tick", 1000);
            assertThat(fires.stream().filter(f -> f.outcome() == ScheduleFire.Outcome.STARTED).count())
                    .isGreaterThanOrEqualTo(runs.size());
            assertThat(fires).extracting(ScheduleFire::logicalTime).doesNotHaveDuplicates();
        }
    }

    @Test
    void overlapSkipRecordsSkippedFiresWithTheirReasonWhileASlowRunRuns() {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1)).id("slow");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        var slow = WorkflowDefinition.of("Slow", String.class, (flow, input) -> flow.step("work", () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2_500);
            } finally {
                running.decrementAndGet();
            }
            return "ok";
        }));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(slow, everySecond))) {
            TestEngines.await("two skipped fires", WAIT, () -> baton.fires("Slow", "slow", 100).stream()
                    .filter(f -> f.outcome() == ScheduleFire.Outcome.SKIPPED).count() >= 2);

            List<ScheduleFire> skipped = baton.fires("Slow", "slow", 100).stream()
                    .filter(f -> f.outcome() == ScheduleFire.Outcome.SKIPPED).toList();
            assertThat(skipped).allSatisfy(f -> {
                assertThat(f.runId()).isNull();
                assertThat(f.reason()).matches("previous run .+ still running; overlap SKIP");
            });
            assertThat(most.get()).isEqualTo(1);
        }
    }

    @Test
    void overlapBufferOneHoldsAFireAndStartsItWhenTheRunningRunEnds() {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1)).id("buffered").overlap(Overlap.BUFFER_ONE);
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(tick("Buffered", 2_500), everySecond))) {
            TestEngines.await("a held fire to start", WAIT, () -> baton.fires("Buffered", "buffered", 100).stream()
                    .anyMatch(f -> f.outcome() == ScheduleFire.Outcome.STARTED && f.reason().contains("BUFFER_ONE holds")));

            ScheduleFire held = baton.fires("Buffered", "buffered", 100).stream()
                    .filter(f -> f.outcome() == ScheduleFire.Outcome.STARTED && f.reason().contains("BUFFER_ONE holds"))
                    .findFirst().orElseThrow();
            RunInfo run = baton.findRun(held.runId()).orElseThrow();
            assertThat(run.logicalTime()).isEqualTo(held.logicalTime());
            assertThat(baton.fires("Buffered", "buffered", 100)).anyMatch(f -> f.outcome() == ScheduleFire.Outcome.SKIPPED
                    && f.reason().startsWith("replaced by held fire"));
        }
    }

    @Test
    void overlapCancelPreviousCancelsTheRunningRunAndStartsTheNewFire() {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1)).id("newest").overlap(Overlap.CANCEL_PREVIOUS);
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(tick("Newest", 10_000), everySecond))) {
            TestEngines.await("a cancelled previous run", WAIT, () -> runsOf(baton, "Newest").stream()
                    .anyMatch(r -> r.status() == RunStatus.CANCELLED));

            assertThat(baton.fires("Newest", "newest", 100)).anyMatch(f -> f.outcome() == ScheduleFire.Outcome.STARTED
                    && f.reason().contains("overlap CANCEL_PREVIOUS cancels it"));
        }
    }

    @Test
    void aPausedScheduleDoesNotFireAndResumingStartsTheLatestMissedFire() {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1)).id("tick");
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(tick("Tick", 0), everySecond))) {
            TestEngines.await("a first fire", WAIT, () -> !runsOf(baton, "Tick").isEmpty());
            baton.pauseSchedule("Tick", "tick");
            Instant pausedAt = Instant.now();
            assertThat(baton.schedules().get(0).paused()).isTrue();

            // A fire being recorded while the pause was written may still land; nothing after it.
            Instant until = pausedAt.plusSeconds(3);
            TestEngines.await("three seconds of pause", WAIT, () -> Instant.now().isAfter(until));
            Instant resumedAt = Instant.now();
            assertThat(runsOf(baton, "Tick")).allSatisfy(r ->
                    assertThat(r.logicalTime()).isBeforeOrEqualTo(pausedAt.plusSeconds(1)));

            baton.resumeSchedule("Tick", "tick");
            TestEngines.await("a fire after the resume", WAIT, () -> runsOf(baton, "Tick").stream()
                    .anyMatch(r -> r.logicalTime().isAfter(resumedAt)));
            long missedStarted = runsOf(baton, "Tick").stream().filter(r -> r.logicalTime().isAfter(pausedAt.plusSeconds(1))
                    && r.logicalTime().isBefore(resumedAt.minusSeconds(1))).count();
            assertThat(missedStarted).as("catch-up latest starts at most the most recent missed fire").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aBackfillStartsOneRunPerFireWithinItsParallelismAndARepeatStartsNothingNew() {
        Schedule nightly = Schedule.cron("0 3 * * *", ZoneOffset.UTC).id("nightly");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        var load = WorkflowDefinition.of("Load", String.class, (flow, input) -> flow.step("load", () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } finally {
                running.decrementAndGet();
            }
            return flow.logicalTime().toString();
        }));
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant from = to.minus(Duration.ofDays(6));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(load, nightly))) {
            List<String> ids = baton.backfill("Load", "nightly", from, to, 2);
            assertThat(ids).hasSize(6);
            for (String id : ids) {
                TestEngines.awaitStatus(baton, id, RunStatus.COMPLETED, WAIT);
            }
            List<Instant> logical = ids.stream().map(id -> baton.findRun(id).orElseThrow().logicalTime()).toList();
            assertThat(logical).containsExactly(from.plus(Duration.ofHours(3)), from.plus(Duration.ofHours(27)),
                    from.plus(Duration.ofHours(51)), from.plus(Duration.ofHours(75)), from.plus(Duration.ofHours(99)),
                    from.plus(Duration.ofHours(123)));
            assertThat(most.get()).isBetween(1, 2);

            assertThat(baton.backfill("Load", "nightly", from, to, 2)).isEqualTo(ids);
            assertThat(baton.backfill("Load", "nightly", from, to, 3)).isEqualTo(ids);
            assertThat(runsOf(baton, "Load")).filteredOn(r -> r.idempotencyKey() != null
                    && r.idempotencyKey().startsWith("backfill:")).hasSize(6);

            assertThatThrownBy(() -> baton.backfill("Load", "nightly", to, from, 1))
                    .hasMessageContaining("workflow 'Load', schedule 'nightly': backfill from must be before to");
            assertThatThrownBy(() -> baton.backfill("Load", "nightly", from, to, 0))
                    .hasMessageContaining("parallelism must be >= 1, was 0");
        }
    }

    @Test
    void badSchedulesAreRefusedNamingTheWorkflowAndTheField() {
        assertThatThrownBy(() -> Schedule.cron("0 24 * * *", "UTC"))
                .hasMessageStartingWith("cron must be a valid cron expression, was '0 24 * * *'");
        assertThatThrownBy(() -> Schedule.cron("0 2 * * *", "Europe/Berln"))
                .hasMessageStartingWith("zone must be a known time-zone id such as Europe/Berlin, was 'Europe/Berln'");
        Schedule a = Schedule.every(Duration.ofMinutes(1)).id("same");
        Schedule b = Schedule.every(Duration.ofMinutes(5)).id("same");
        assertThatThrownBy(() -> Baton.builder().workflow(tick("Twice", 0), a, b))
                .hasMessage("workflow 'Twice': schedule ids must be unique, was 'same' twice; give one of them Schedule.id(...)");
    }

    @Test
    void unknownWorkflowsAndSchedulesAreNamed() {
        Schedule everyMinute = Schedule.every(Duration.ofMinutes(1)).id("minutely");
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(tick("Tick", 0), everyMinute))) {
            assertThatThrownBy(() -> baton.pauseSchedule("Tock", "minutely")).isInstanceOf(WorkflowNotFoundException.class);
            assertThatThrownBy(() -> baton.fires("Tick", "hourly", 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("workflow 'Tick' has no schedule 'hourly'; its schedules: 'minutely'");
        }
    }
}
