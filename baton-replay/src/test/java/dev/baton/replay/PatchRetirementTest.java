package dev.baton.replay;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/versioning.md: a patch, and its retirement. */
@Timeout(120)
class PatchRetirementTest {
    @TempDir
    Path dir;

    private static final WorkflowDefinition<String, String> V1 = WorkflowDefinition.of("order", String.class, (flow, in) -> {
        flow.step("reserve", () -> "reserved");
        flow.awaitSignal("paid", Boolean.class, Duration.ofDays(1));
        flow.step("ship", () -> "shipped");
        return "shipped";
    });

    private static final WorkflowDefinition<String, String> V2 = WorkflowDefinition.of("order", String.class, (flow, in) -> {
        flow.step("reserve", () -> "reserved");
        if (flow.patched("fraud-check")) {
            flow.step("fraud-check", () -> "ok");
        }
        flow.awaitSignal("paid", Boolean.class, Duration.ofDays(1));
        flow.step("ship", () -> "shipped");
        return "shipped";
    });

    private static final WorkflowDefinition<String, String> V3 = WorkflowDefinition.of("order", String.class, (flow, in) -> {
        flow.step("reserve", () -> "reserved");
        flow.step("fraud-check", () -> "ok");
        flow.awaitSignal("paid", Boolean.class, Duration.ofDays(1));
        flow.step("ship", () -> "shipped");
        return "shipped";
    });

    private List<RunHistory> inFlightUnder(WorkflowDefinition<String, String> code, String db) throws InterruptedException {
        Path file = dir.resolve(db);
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(file)).pollInterval(Duration.ofMillis(50))
                .workflow(code).build()) {
            baton.start();
            String runId = baton.start("order", "o").runId();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (baton.findRun(runId).orElseThrow().status() != RunStatus.WAITING) {
                assertThat(System.nanoTime()).as("the run to wait for payment").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
        try (Store store = HistoryExport.open(StoreConfig.sqlite(file))) {
            return new HistoryExport(store).histories(null, Set.of());
        }
    }

    @Test
    void thePatchReplaysOldRunsAndItsRetirementIsRefusedWhileRunsHoldEitherPath() throws Exception {
        List<RunHistory> v1Runs = inFlightUnder(V1, "v1.db");
        List<RunHistory> v2Runs = inFlightUnder(V2, "v2.db");

        ReplayReport plainInsert = ReplayCheck.of(b -> b.workflow(V3)).check(v1Runs);
        ReplayReport patched = ReplayCheck.of(b -> b.workflow(V2)).check(v1Runs);
        ReplayReport retiredOverV2Runs = ReplayCheck.of(b -> b.workflow(V3)).check(v2Runs);

        assertThat(plainInsert.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(2);
            assertThat(run.recorded()).isEqualTo("an await of signal 'paid'");
            assertThat(run.current()).isEqualTo("step 'fraud-check'");
        });
        assertThat(patched.compatible()).as(patched.describe()).isTrue();
        assertThat(retiredOverV2Runs.broken()).singleElement().satisfies(run -> {
            assertThat(run.seq()).isEqualTo(2);
            assertThat(run.recorded()).isEqualTo("the patch mark 'fraud-check'");
            assertThat(run.current()).isEqualTo("step 'fraud-check'");
        });
    }
}
