package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunStatus;
import dev.baton.Schedule;
import dev.baton.ScheduleFire;
import dev.baton.StepOptions;
import dev.baton.WorkflowDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's baton.* meters after real runs on a real SQLite file. */
@Timeout(60)
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void runsStepsAndTheWriterAreCountedPerWorkflow() {
        MeterRegistry registry = new SimpleMeterRegistry();
        var ok = WorkflowDefinition.of("ok", String.class, (flow, in) -> {
            flow.step("extract", () -> in.length());
            flow.forEach("load", List.of(1, 2, 3), 2, StepOptions.defaults(), i -> i * 2);
            return in;
        });
        var bad = WorkflowDefinition.of("bad", String.class, (flow, in) -> flow.step("explode", () -> {
            throw new IllegalStateException("no");
        }));
        try (Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.meterRegistry(registry).workflow(ok).workflow(bad))) {
            List<RunHandle> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(baton.start("ok", "run " + i));
            }
            runs.add(baton.start("bad", "x"));
            for (RunHandle run : runs) {
                run.await(Duration.ofSeconds(20));
            }
            assertThat(baton.meterRegistry()).isSameAs(registry);
            assertThat(registry.get("baton.runs.started").tag("workflow", "ok").counter().count()).isEqualTo(3.0);
            assertThat(registry.get("baton.runs.started").tag("workflow", "bad").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("baton.runs.finished").tags("workflow", "ok", "status", "completed").counter().count())
                    .isEqualTo(3.0);
            assertThat(registry.get("baton.runs.finished").tags("workflow", "bad", "status", "failed").counter().count())
                    .isEqualTo(1.0);
            assertThat(registry.get("baton.run.duration").tags("workflow", "ok", "status", "completed").timer().count())
                    .isEqualTo(3);
            assertThat(registry.get("baton.step.duration").tags("workflow", "ok", "step", "extract", "outcome", "completed")
                    .timer().count()).isEqualTo(3);
            // Fan-out items are counted under their common name, not one series per item.
            assertThat(registry.get("baton.step.duration").tags("workflow", "ok", "step", "load[]").timer().count())
                    .isEqualTo(9);
            assertThat(registry.get("baton.step.duration").tags("workflow", "bad", "outcome", "failed").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("baton.store.batch.writes").summary().count()).isPositive();
            assertThat(registry.get("baton.store.batch.writes").summary().totalAmount())
                    .isGreaterThanOrEqualTo(registry.get("baton.store.batch.writes").summary().count());
            assertThat(registry.get("baton.store.batch.duration").timer().count()).isPositive();
            assertThat(registry.get("baton.runs.active").gauge().value()).isZero();
        }
        // A closed engine's gauges leave the registry, so a later engine reports its own.
        assertThat(registry.find("baton.runs.active").gauge()).isNull();
    }

    @Test
    void everyScheduleFireRecordsHowLateItsRunStartedAgainstWhatTheFiresSay() {
        MeterRegistry registry = new SimpleMeterRegistry();
        var tick = WorkflowDefinition.of("Tick", String.class, (flow, in) -> flow.step("tick", () -> "t"));
        Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.meterRegistry(registry)
                .workflow(tick, Schedule.every(Duration.ofSeconds(1)).id("tick")));
        try (baton) {
            TestEngines.await("two fires", Duration.ofSeconds(20), () -> baton.fires("Tick", "tick", 100).size() >= 2);
        }
        // Closed: no more fires, so the fires and the timer tell of the same ones.
        try (Baton reader = Baton.builder().store(dev.baton.StoreConfig.sqlite(dir.resolve("baton.db")))
                .meterRegistry(new SimpleMeterRegistry()).workflow(tick, Schedule.every(Duration.ofSeconds(1)).id("tick"))
                .build()) { // not started: it reads, it does not fire
            Timer lateness = registry.get("baton.schedule.lateness").tags("workflow", "Tick", "schedule", "tick").timer();
            List<ScheduleFire> fires = reader.fires("Tick", "tick", 100).stream()
                    .filter(f -> f.outcome() == ScheduleFire.Outcome.STARTED).toList();
            assertThat(lateness.count()).isEqualTo(fires.size());
            long latestMs = fires.stream().mapToLong(f -> Duration.between(f.dueAt(), f.recordedAt()).toMillis()).max().orElseThrow();
            // The timer's largest lateness is at least what the fires record (it is measured just after the fire is recorded).
            assertThat(lateness.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(latestMs);
            assertThat(lateness.max(TimeUnit.MILLISECONDS)).isLessThan(10_000.0);
        }
    }

    @Test
    void aLockWaitIsRecordedWithHowLongTheSecondHolderWaited() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var job = WorkflowDefinition.of("job", String.class, (flow, in) ->
                flow.step("write", StepOptions.locking("warehouse"), () -> {
                    if (in.equals("first")) {
                        firstHolds.countDown();
                        release.await(20, TimeUnit.SECONDS);
                    }
                    return in;
                }));
        try (Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.meterRegistry(registry).lock("warehouse").workflow(job))) {
            RunHandle first = baton.start("job", "first");
            assertThat(firstHolds.await(20, TimeUnit.SECONDS)).isTrue();
            RunHandle second = baton.start("job", "second");
            TestEngines.await("the second run to wait for the lock", Duration.ofSeconds(20),
                    () -> baton.findRun(second.runId()).map(r -> r.status() == RunStatus.WAITING).orElse(false));
            Thread.sleep(300);
            release.countDown();
            assertThat(first.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(second.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);

            Timer waits = registry.get("baton.lock.wait").tags("lock", "warehouse", "kind", "lock", "outcome", "acquired").timer();
            assertThat(waits.count()).isEqualTo(2);
            assertThat(waits.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300.0);
        }
    }
}
