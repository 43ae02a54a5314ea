package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.RunStateException;
import dev.baton.StepKind;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class WaitsTest {
    @TempDir
    Path dir;

    record Approval(String by, boolean ok) {
    }

    private static final WorkflowDefinition<String, String> SLEEPER = WorkflowDefinition.of("sleeper", String.class, (flow, in) -> {
        Instant before = flow.now();
        flow.sleep(Duration.ofSeconds(2));
        Instant after = flow.step("after", () -> Instant.now());
        return Duration.between(before, after).toMillis() >= 2000 ? "slept" : "woke early";
    });

    @Test
    void aDurableSleepSurvivesARestartOfTheEngine() {
        Path db = dir.resolve("b.db");
        String runId;
        try (Baton baton = TestEngines.open(db, b -> b.workflow(SLEEPER))) {
            runId = baton.start("sleeper", "x").runId();
            TestEngines.await("the sleep to be recorded", Duration.ofSeconds(20),
                    () -> baton.steps(runId).stream().anyMatch(s -> s.kind() == StepKind.SLEEP));
        }
        try (Baton baton = TestEngines.open(db, b -> b.workflow(SLEEPER))) {
            assertThat(baton.handle(runId).<String>result(Duration.ofSeconds(20))).isEqualTo("slept");
            assertThat(baton.timeline(runId)).extracting(e -> e.type()).contains("RUN_RESUMED");
        }
    }

    @Test
    void aSignalSentBeforeTheRunAwaitsItIsKeptAndTypedPayloadsRoundTrip() {
        var workflow = WorkflowDefinition.of("approve", String.class, (flow, in) -> {
            flow.step("prepare", () -> {
                Thread.sleep(300);
                return "ready";
            });
            Optional<Approval> approval = flow.awaitSignal("approve", Approval.class, Duration.ofMinutes(5));
            return approval.map(a -> a.by() + ":" + a.ok()).orElse("timeout");
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("approve", "x");
            baton.signal(run.runId(), "approve", new Approval("ada", true));
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("ada:true");
            assertThatThrownBy(() -> baton.signal(run.runId(), "approve", new Approval("bob", false)))
                    .isInstanceOf(RunStateException.class).hasMessageContaining("is COMPLETED");
        }
    }

    @Test
    void aSignalReachesARunWhoseThreadWasReleased() {
        var workflow = WorkflowDefinition.of("approve", String.class, (flow, in) ->
                flow.awaitSignal("approve", Boolean.class, Duration.ofDays(1)).map(ok -> ok ? "yes" : "no").orElse("timeout"));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("approve", "x");
            TestEngines.await("the run to release its thread", Duration.ofSeconds(20),
                    () -> baton.findRun(run.runId()).map(r -> r.status() == RunStatus.WAITING && r.owner() == null).orElse(false));
            assertThat(baton.findRun(run.runId()).orElseThrow().waitingFor()).contains("signal 'approve'");
            baton.signalJson(run.runId(), "approve", "true");
            assertThat(run.<String>result(Duration.ofSeconds(20))).isEqualTo("yes");
        }
    }

    @Test
    void anAwaitWithoutSignalTimesOutEmpty() {
        var workflow = WorkflowDefinition.of("approve", String.class, (flow, in) ->
                flow.awaitSignal("approve", Boolean.class, Duration.ofMillis(700)).map(ok -> "got").orElse("timeout"));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            assertThat(baton.start("approve", "x").<String>result(Duration.ofSeconds(20))).isEqualTo("timeout");
        }
    }

    @Test
    void nowRandomAndUuidReplayIdentically() {
        var workflow = WorkflowDefinition.of("values", String.class, (flow, in) -> {
            String first = flow.now() + "|" + flow.random().nextInt() + "|" + flow.uuid();
            flow.sleep(Duration.ofSeconds(1)); // the run replays after this
            String second = flow.step("echo", () -> "x");
            return first + "|" + second;
        });
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("values", "x");
            String result = run.result(Duration.ofSeconds(20));
            var steps = baton.steps(run.runId());
            assertThat(steps).extracting(s -> s.kind()).containsExactly(StepKind.NOW, StepKind.RANDOM, StepKind.SLEEP, StepKind.STEP);
            String recordedNow = steps.get(0).output().replace("\"", "");
            assertThat(result).startsWith(Instant.parse(recordedNow).toString());
        }
    }
}
