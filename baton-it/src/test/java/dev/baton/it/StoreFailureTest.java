package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunEvent;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint that cannot be written because the database is full: the run pauses visibly,
 * the database stays consistent, and the run resumes from its last checkpoint once there is room.
 */
@Timeout(90)
class StoreFailureTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskPausesTheRunVisiblyAndItResumesFromItsLastCheckpoint() {
        Path db = dir.resolve("baton.db");
        AtomicInteger small = new AtomicInteger();
        AtomicInteger big = new AtomicInteger();
        var workflow = WorkflowDefinition.of("grow", String.class, (flow, in) -> {
            flow.step("small", small::incrementAndGet);
            String payload = flow.step("big", () -> {
                big.incrementAndGet();
                return "x".repeat(2_000_000);
            });
            return "length " + payload.length();
        });
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        String runId;
        // A database limited to 200 pages of 4 KiB cannot hold a 2 MB result: SQLITE_FULL, as on a full disk.
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db).with("max_page_count", "200"))
                .workflow(workflow).listener(events::add).build()) {
            baton.start();
            runId = baton.start("grow", "x").runId();
            TestEngines.await("the run to pause", Duration.ofSeconds(30),
                    () -> events.stream().anyMatch(e -> e.type() == RunEvent.Type.RUN_PAUSED));
            RunEvent paused = events.stream().filter(e -> e.type() == RunEvent.Type.RUN_PAUSED).findFirst().orElseThrow();
            assertThat(paused.runId()).isEqualTo(runId);
            assertThat(paused.detail()).containsIgnoringCase("full");
            assertThat(baton.findRun(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(baton.steps(runId)).hasSize(2);
            assertThat(baton.steps(runId).get(0).output()).isEqualTo("1");
        }
        try (Baton baton = TestEngines.open(db, b -> b.workflow(workflow))) {
            assertThat(baton.handle(runId).<String>result(Duration.ofSeconds(30))).isEqualTo("length 2000000");
        }
        assertThat(small).hasValue(1);
        assertThat(big.get()).isGreaterThanOrEqualTo(2);
    }
}
