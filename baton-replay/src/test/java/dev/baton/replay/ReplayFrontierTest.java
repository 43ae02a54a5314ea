package dev.baton.replay;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.StoreConfig;
import dev.baton.Retry;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where history ends a run may be waiting for a step's retry, a timer, or a child run, or it may
 * have finished: the check stops each one there without executing anything.
 */
@Timeout(120)
class ReplayFrontierTest {
    private static final AtomicInteger EXECUTED = new AtomicInteger();

    @TempDir
    Path dir;

    private static final WorkflowDefinition<String, String> FLAKY = WorkflowDefinition.of("flaky", String.class, (flow, in) -> {
        flow.step("fetch", () -> "fetched");
        flow.step("upload", StepOptions.retry(Retry.fixed(5, Duration.ofHours(1))), () -> {
            EXECUTED.incrementAndGet();
            throw new java.io.IOException("storage unavailable");
        });
        return "done";
    });

    private static final WorkflowDefinition<String, String> SLEEPER = WorkflowDefinition.of("sleeper", String.class, (flow, in) -> {
        flow.step("prepare", () -> "prepared");
        flow.sleep(Duration.ofHours(2));
        flow.step("send", () -> EXECUTED.incrementAndGet());
        return "sent";
    });

    private static final WorkflowDefinition<String, String> CHILD = WorkflowDefinition.of("child", String.class, (flow, in) -> {
        flow.awaitSignal("release", Boolean.class, Duration.ofHours(1));
        return "child done";
    });

    private static final WorkflowDefinition<String, String> PARENT = WorkflowDefinition.of("parent", String.class, (flow, in) -> {
        flow.step("plan", () -> "planned");
        String result = flow.child("child", "c");
        flow.step("finish", () -> EXECUTED.incrementAndGet());
        return result;
    });

    private static final WorkflowDefinition<String, String> QUICK = WorkflowDefinition.of("quick", String.class, (flow, in) -> {
        flow.step("only", () -> "once");
        return "quick";
    });

    private List<RunHistory> record(Path db) {
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).inMemoryWait(Duration.ofMillis(200))
                .pollInterval(Duration.ofMillis(50)).workflow(FLAKY).workflow(SLEEPER).workflow(CHILD)
                .workflow(PARENT).workflow(QUICK).build()) {
            baton.start();
            String flaky = baton.start("flaky", "f").runId();
            String sleeper = baton.start("sleeper", "s").runId();
            String parent = baton.start("parent", "p").runId();
            String quick = baton.start("quick", "q").runId();
            await(() -> step(baton, flaky, 2, StepStatus.WAITING) && step(baton, sleeper, 2, StepStatus.WAITING)
                    && step(baton, parent, 2, StepStatus.RUNNING)
                    && baton.findRun(parent + ".2").map(r -> r.status() == RunStatus.WAITING).orElse(false)
                    && baton.findRun(quick).map(r -> r.status() == RunStatus.COMPLETED).orElse(false));
        }
        EXECUTED.set(0);
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db))) {
            return new HistoryExport(store).histories(null, Set.of(RunStatus.PENDING, RunStatus.RUNNING,
                    RunStatus.WAITING, RunStatus.COMPLETED));
        }
    }

    private static boolean step(Baton baton, String runId, int seq, StepStatus status) {
        return baton.steps(runId).stream().anyMatch(s -> s.seq() == seq && s.status() == status);
    }

    @Test
    void runsWaitingForARetryATimerOrAChildReplayAndStopThereWithoutExecutingAStep() {
        List<RunHistory> histories = record(dir.resolve("prod.db"));
        RunHistory flaky = only(histories, "flaky");
        assertThat(flaky.attempts()).singleElement().satisfies(a -> assertThat(a.error()).contains("storage unavailable"));
        RunHistory parent = only(histories, "parent");
        assertThat(parent.children()).singleElement().satisfies(c -> {
            assertThat(c.runId()).isEqualTo(parent.runId() + ".2");
            assertThat(c.workflow()).isEqualTo("child");
            assertThat(c.status()).isEqualTo(RunStatus.WAITING);
        });
        assertThat(parent.steps().get(1).kind()).isEqualTo(StepKind.CHILD);

        ReplayReport report = ReplayCheck.of(b -> b.workflow(FLAKY).workflow(SLEEPER).workflow(CHILD).workflow(PARENT)
                .workflow(QUICK)).check(histories);

        assertThat(report.compatible()).as(report.describe()).isTrue();
        assertThat(EXECUTED).hasValue(0);
        assertThat(detail(report, "flaky")).contains("wait for retry of step 'upload' (attempt 2 of 5)");
        assertThat(detail(report, "sleeper")).contains("wait for timer (sleep PT2H)");
        assertThat(detail(report, "parent")).contains("wait for child run " + parent.runId() + ".2");
        assertThat(detail(report, "child")).contains("wait for signal 'release'");
        assertThat(detail(report, "quick")).contains("replays its 1 recorded calls and completes");
    }

    @Test
    void aFinishedRunThatTheCodeWouldTakeFurtherIsCaught() {
        List<RunHistory> histories = record(dir.resolve("prod.db"));
        var longer = WorkflowDefinition.of("quick", String.class, (flow, in) -> {
            flow.step("only", () -> "once");
            flow.step("more", () -> EXECUTED.incrementAndGet());
            return "quick";
        });

        ReplayReport report = ReplayCheck.of(b -> b.workflow(longer)).check(List.of(only(histories, "quick")));

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(RunReplay.Outcome.NON_DETERMINISTIC);
            assertThat(run.seq()).isEqualTo(2);
            assertThat(run.current()).contains("step 'more'");
        });
        assertThat(EXECUTED).hasValue(0);
    }

    @Test
    void fanOutsAndParallelStepsReplayItemByItem() throws Exception {
        var fanOut = WorkflowDefinition.of("fan", String.class, (flow, in) -> {
            List<String> parts = flow.step("list", () -> List.of("a", "b", "c"));
            flow.forEach("load", parts, 2, part -> part.toUpperCase());
            var audit = flow.async("audit", StepOptions.defaults(), () -> "audited");
            audit.await();
            flow.awaitSignal("publish", Boolean.class, Duration.ofHours(1));
            flow.forEach("notify", parts, 2, part -> EXECUTED.incrementAndGet());
            return "done";
        });
        Path db = dir.resolve("fan.db");
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).pollInterval(Duration.ofMillis(50))
                .workflow(fanOut).build()) {
            baton.start();
            String id = baton.start("fan", "x").runId();
            await(() -> baton.findRun(id).map(r -> r.status() == RunStatus.WAITING).orElse(false));
        }
        List<RunHistory> histories;
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db))) {
            histories = new HistoryExport(store).histories("fan", Set.of());
        }
        EXECUTED.set(0);
        var renamedFanOut = WorkflowDefinition.of("fan", String.class, (flow, in) -> {
            List<String> parts = flow.step("list", () -> List.of("a", "b", "c"));
            flow.forEach("import", parts, 2, part -> part.toUpperCase());
            return "done";
        });

        ReplayReport same = ReplayCheck.of(b -> b.workflow(fanOut)).check(histories);
        ReplayReport renamed = ReplayCheck.of(b -> b.workflow(renamedFanOut)).check(histories);

        assertThat(same.compatible()).as(same.describe()).isTrue();
        assertThat(same.runs().get(0).detail()).contains("replays its 6 recorded calls", "signal 'publish'");
        assertThat(EXECUTED).hasValue(0);
        assertThat(renamed.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(2);
            assertThat(run.recorded()).isEqualTo("step 'load[0]'");
            assertThat(run.current()).isEqualTo("step 'import[0]'");
        });
    }

    @Test
    void whenTheNewCodeLimitsConcurrencyEveryRunInFlightIsStillReplayedToItsEnd() throws Exception {
        var unlimited = WorkflowDefinition.of("load", String.class, (flow, in) -> {
            flow.step("prepare", () -> "prepared " + in);
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            return "loaded";
        });
        Path db = dir.resolve("limits.db");
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).pollInterval(Duration.ofMillis(50))
                .workflow(unlimited).build()) {
            baton.start();
            String first = baton.start("load", "1").runId();
            String second = baton.start("load", "2").runId();
            await(() -> baton.findRun(first).map(r -> r.status() == RunStatus.WAITING).orElse(false)
                    && baton.findRun(second).map(r -> r.status() == RunStatus.WAITING).orElse(false));
        }
        List<RunHistory> histories;
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db))) {
            histories = new HistoryExport(store).histories("load", Set.of());
        }
        // One run at a time now, and a new first step for input "1" only. The run of "2" is
        // replayed first (newest first) and stops where its history ends, holding the one slot;
        // the run of "1" must still be replayed to where it breaks, not stop waiting for the slot.
        var limitedAndChanged = WorkflowDefinition.of("load", String.class, (flow, in) -> {
            if (in.equals("1")) {
                flow.step("check-partitions", () -> "checked");
            }
            flow.step("prepare", () -> "prepared " + in);
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            return "loaded";
        }).withConcurrency(1);

        ReplayReport report = ReplayCheck.of(b -> b.workflow(limitedAndChanged)).check(histories);

        assertThat(report.runs()).extracting(RunReplay::outcome)
                .containsExactly(RunReplay.Outcome.REPLAYS, RunReplay.Outcome.NON_DETERMINISTIC);
        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(1);
            assertThat(run.current()).isEqualTo("step 'check-partitions'");
        });
    }

    private static RunHistory only(List<RunHistory> histories, String workflow) {
        return histories.stream().filter(h -> h.workflow().equals(workflow)).findFirst().orElseThrow();
    }

    private static String detail(ReplayReport report, String workflow) {
        return report.runs().stream().filter(r -> r.workflow().equals(workflow)).findFirst().orElseThrow().detail();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
