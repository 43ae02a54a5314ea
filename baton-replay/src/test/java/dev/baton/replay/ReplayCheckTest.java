package dev.baton.replay;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.Workflow;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs of a first version of a workflow are recorded on a real SQLite file until they wait for a
 * signal; their histories are exported and checked against changed code.
 */
@Timeout(120)
class ReplayCheckTest {
    @TempDir
    Path dir;

    private final AtomicInteger executedByNewCode = new AtomicInteger();
    private List<RunHistory> inFlight;
    private String runId;

    private static WorkflowDefinition<String, String> order(Workflow<String, String> code) {
        return WorkflowDefinition.of("order", String.class, code);
    }

    private static final WorkflowDefinition<String, String> VERSION_ONE = order((flow, in) -> {
        flow.step("reserve", () -> "reserved " + in);
        flow.step("pack", () -> "packed");
        flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
        flow.step("charge", () -> "charged");
        return "v1";
    });

    @BeforeEach
    void recordARunWaitingForItsSignal() {
        Path db = dir.resolve("prod.db");
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).inMemoryWait(Duration.ofMillis(200))
                .pollInterval(Duration.ofMillis(50)).workflow(VERSION_ONE).build()) {
            baton.start();
            runId = baton.start("order", "o-1").runId();
            await(() -> baton.steps(runId).size() == 3 && baton.findRun(runId).orElseThrow().status() == RunStatus.WAITING);
        }
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db))) {
            inFlight = new HistoryExport(store).histories(null, Set.of(RunStatus.RUNNING, RunStatus.WAITING));
        }
        assertThat(inFlight).singleElement().satisfies(h -> {
            assertThat(h.runId()).isEqualTo(runId);
            assertThat(h.steps()).extracting(s -> s.name()).containsExactly("reserve", "pack", "go");
        });
    }

    private ReplayReport checkAgainst(WorkflowDefinition<String, String> code) {
        return ReplayCheck.of(b -> b.workflow(code)).check(inFlight);
    }

    private String counted(String result) {
        executedByNewCode.incrementAndGet();
        return result;
    }

    @Test
    void theSameCodeReplaysAndStopsWhereHistoryEndsWithoutExecutingAnything() {
        ReplayReport report = checkAgainst(order((flow, in) -> {
            flow.step("reserve", () -> counted("reserved"));
            flow.step("pack", () -> counted("packed"));
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            flow.step("charge", () -> counted("charged"));
            return "v1";
        }));

        assertThat(report.compatible()).as(report.describe()).isTrue();
        RunReplay run = report.runs().get(0);
        assertThat(run.outcome()).isEqualTo(RunReplay.Outcome.REPLAYS);
        assertThat(run.seq()).isEqualTo(3);
        assertThat(run.detail()).contains("replays its 3 recorded calls", "wait for signal 'go'");
        assertThat(executedByNewCode).hasValue(0);
        report.assertCompatible();
    }

    @Test
    void aRenamedStepIsCaughtWithTheRunTheSequenceNumberAndBothNames() {
        ReplayReport report = checkAgainst(order((flow, in) -> {
            flow.step("reserve-stock", () -> "reserved");
            flow.step("pack", () -> "packed");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            return "v2";
        }));

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo(runId);
            assertThat(run.outcome()).isEqualTo(RunReplay.Outcome.NON_DETERMINISTIC);
            assertThat(run.seq()).isEqualTo(1);
            assertThat(run.recorded()).isEqualTo("step 'reserve'");
            assertThat(run.current()).isEqualTo("step 'reserve-stock'");
        });
        assertThatThrownBy(report::assertCompatible).isInstanceOf(AssertionError.class)
                .hasMessageContaining(runId).hasMessageContaining("sequence number 1")
                .hasMessageContaining("step 'reserve-stock'").hasMessageContaining("flow.patched");
    }

    @Test
    void aReorderedStepIsCaught() {
        ReplayReport report = checkAgainst(order((flow, in) -> {
            flow.step("pack", () -> "packed");
            flow.step("reserve", () -> "reserved");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            return "v2";
        }));

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(1);
            assertThat(run.recorded()).isEqualTo("step 'reserve'");
            assertThat(run.current()).isEqualTo("step 'pack'");
        });
    }

    @Test
    void aRemovedStepIsCaught() {
        ReplayReport report = checkAgainst(order((flow, in) -> {
            flow.step("reserve", () -> "reserved");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            flow.step("charge", () -> "charged");
            return "v2";
        }));

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(2);
            assertThat(run.recorded()).isEqualTo("step 'pack'");
            assertThat(run.current()).isEqualTo("an await of signal 'go'");
        });
    }

    @Test
    void aRemovedLastRecordedCallIsCaughtWhenTheWorkflowReturnsBeforeIt() {
        ReplayReport report = checkAgainst(order((flow, in) -> {
            flow.step("reserve", () -> "reserved");
            flow.step("pack", () -> "packed");
            return "v2";
        }));

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(3);
            assertThat(run.recorded()).isEqualTo("an await of signal 'go'");
            assertThat(run.current()).contains("returned before reaching it");
        });
    }

    @Test
    void aNewStepGuardedByPatchedIsAcceptedAndTheSameStepUnguardedIsCaught() {
        ReplayReport guarded = checkAgainst(order((flow, in) -> {
            flow.step("reserve", () -> counted("reserved"));
            if (flow.patched("audit-before-packing")) {
                flow.step("audit", () -> counted("audited"));
            }
            flow.step("pack", () -> counted("packed"));
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            flow.step("charge", () -> counted("charged"));
            return "v2";
        }));
        ReplayReport unguarded = checkAgainst(order((flow, in) -> {
            flow.step("reserve", () -> "reserved");
            flow.step("audit", () -> "audited");
            flow.step("pack", () -> "packed");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            return "v2";
        }));

        assertThat(guarded.compatible()).as(guarded.describe()).isTrue();
        assertThat(executedByNewCode).hasValue(0);
        assertThat(unguarded.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(2);
            assertThat(run.recorded()).isEqualTo("step 'pack'");
            assertThat(run.current()).isEqualTo("step 'audit'");
        });
    }

    @Test
    void aStepAddedAfterWhereHistoryEndsIsAccepted() {
        ReplayReport report = checkAgainst(order((flow, in) -> {
            flow.step("reserve", () -> "reserved");
            flow.step("pack", () -> "packed");
            flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
            flow.step("notify", () -> counted("notified"));
            flow.step("charge", () -> counted("charged"));
            return "v2";
        }));

        assertThat(report.compatible()).as(report.describe()).isTrue();
        assertThat(executedByNewCode).hasValue(0);
    }

    @Test
    void aRunOfAWorkflowTheCodeNoLongerHasIsReported() {
        ReplayReport report = ReplayCheck.of(b -> b.workflow(WorkflowDefinition.of("invoice", String.class,
                (flow, in) -> "x"))).check(inFlight);

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(RunReplay.Outcome.UNKNOWN_WORKFLOW);
            assertThat(run.detail()).contains("workflow 'order'", "does not register", "invoice");
        });
    }

    @Test
    void codeThatCannotReadTheRecordedInputFailsTheCheck() {
        ReplayReport report = ReplayCheck.of(b -> b.workflow(WorkflowDefinition.of("order", Integer.class,
                (flow, in) -> "x"))).check(inFlight);

        assertThat(report.broken()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(RunReplay.Outcome.FAILS);
            assertThat(run.detail()).contains(runId, "fails on replay");
        });
    }

    @Test
    void theHistoriesFileReadsBackAsExported() throws Exception {
        Path file = dir.resolve("histories.jsonl");
        try (Store store = HistoryExport.open(StoreConfig.sqlite(dir.resolve("prod.db")));
             var out = java.nio.file.Files.newBufferedWriter(file)) {
            assertThat(new HistoryExport(store).write("order", Set.of(), out)).isEqualTo(1);
        }

        List<RunHistory> read = HistoryFormat.read(file);

        assertThat(read).singleElement().satisfies(h -> {
            assertThat(h.run()).isEqualTo(inFlight.get(0).run());
            assertThat(h.steps()).isEqualTo(inFlight.get(0).steps());
            assertThat(h.signals()).isEqualTo(inFlight.get(0).signals());
            assertThat(h.source()).isEqualTo(file + ":1");
        });
        assertThat(ReplayCheck.of(b -> b.workflow(VERSION_ONE)).check(file).compatible()).isTrue();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
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
