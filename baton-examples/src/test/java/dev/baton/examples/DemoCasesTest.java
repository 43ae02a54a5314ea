package dev.baton.examples;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every case of the demo on the real engine, all at once as the demo does. */
@Timeout(120)
class DemoCasesTest {

    @TempDir
    Path dir;

    @Test
    void everyDemoCaseEndsInItsExpectedStatus() {
        try (Baton baton = TestEngine.start(dir)) {
            Map<DemoCase, RunHandle> runs = new LinkedHashMap<>();
            for (DemoCase demo : DemoCases.all()) {
                runs.put(demo, baton.start(demo.workflow(), demo.input()));
            }

            for (Map.Entry<DemoCase, RunHandle> entry : runs.entrySet()) {
                DemoCase demo = entry.getKey();
                RunHandle run = entry.getValue();
                if (demo.signalName() != null) {
                    // The demo waits signalAfter; here the signal goes as soon as the run's first step is done.
                    TestEngine.awaitUntil(Duration.ofSeconds(30), "the first step of " + demo.workflow(),
                            () -> baton.steps(run.runId()).stream().anyMatch(s -> s.status() == StepStatus.COMPLETED));
                    baton.signal(run.runId(), demo.signalName(), demo.signalPayload());
                }
            }

            for (Map.Entry<DemoCase, RunHandle> entry : runs.entrySet()) {
                RunInfo info = entry.getValue().await(Duration.ofSeconds(90));
                assertThat(info.status()).as(entry.getKey().description()).isEqualTo(entry.getKey().expectedStatus());
            }
        }
    }
}
