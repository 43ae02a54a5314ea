package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ServerBenchTest {
    @TempDir
    Path dir;

    @Test
    void fillsTheStoreAndTimesEveryRequestOverHttp() throws Exception {
        Path file = dir.resolve("server.db");
        ServerBench.Result result = ServerBench.run(file, 2_000, 3);

        assertThat(result.timings()).hasSize(6);
        for (ServerBench.Timing timing : result.timings()) {
            assertThat(timing.latency().count()).as(timing.name()).isEqualTo(3);
            assertThat(timing.bytes()).as(timing.name()).isGreaterThan(100);
        }
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(file)).build()) {
            assertThat(baton.runs(RunQuery.all().withLimit(10_000))).hasSize(2_000);
            assertThat(baton.runs(RunQuery.all().withLimit(10_000).withWorkflow(ServerBench.workflowName(7))))
                    .hasSize(2_000 / ServerBench.WORKFLOWS);
            assertThat(baton.runs(RunQuery.all().withLimit(10_000).withStatuses(Set.of(RunStatus.FAILED))))
                    .isNotEmpty().allSatisfy(run -> assertThat(run.error().message()).contains("warehouse"));
        }
    }
}
