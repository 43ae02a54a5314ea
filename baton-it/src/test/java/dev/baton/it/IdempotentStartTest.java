package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunQuery;
import dev.baton.StartOptions;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class IdempotentStartTest {
    @TempDir
    Path dir;

    private List<RunHandle> startConcurrently(Baton baton, int callers, StartOptions options) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(callers);
        List<Callable<RunHandle>> tasks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            tasks.add(() -> {
                barrier.await();
                return baton.start("once", "payload", options);
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<RunHandle> handles = new ArrayList<>();
            for (Future<RunHandle> future : pool.invokeAll(tasks)) {
                handles.add(future.get());
            }
            return handles;
        }
    }

    @Test
    void concurrentStartsWithTheSameRunIdStartExactlyOneRun() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        var workflow = WorkflowDefinition.of("once", String.class, (flow, in) -> flow.step("work", executions::incrementAndGet));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            List<RunHandle> handles = startConcurrently(baton, 16, StartOptions.runId("invoice-2026-11"));
            assertThat(handles).filteredOn(RunHandle::created).hasSize(1);
            assertThat(handles).extracting(RunHandle::runId).containsOnly("invoice-2026-11");
            assertThat(handles.get(0).<Integer>result(Duration.ofSeconds(20))).isEqualTo(1);
            assertThat(baton.runs(RunQuery.all())).hasSize(1);
            assertThat(executions).hasValue(1);
        }
    }

    @Test
    void concurrentStartsWithTheSameIdempotencyKeyStartExactlyOneRun() throws Exception {
        var workflow = WorkflowDefinition.of("once", String.class, (flow, in) -> flow.step("work", () -> 1));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            List<RunHandle> handles = startConcurrently(baton, 16, StartOptions.idempotencyKey("order-77"));
            assertThat(handles).filteredOn(RunHandle::created).hasSize(1);
            assertThat(handles).extracting(RunHandle::runId).containsOnly(handles.get(0).runId());
            assertThat(baton.runs(RunQuery.all())).hasSize(1);
            assertThat(baton.findRun(handles.get(0).runId()).orElseThrow().idempotencyKey()).isEqualTo("order-77");
        }
    }
}
