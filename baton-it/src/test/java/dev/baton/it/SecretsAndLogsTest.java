package dev.baton.it;

import dev.baton.Baton;
import dev.baton.LogLine;
import dev.baton.RunEvent;
import dev.baton.RunStatus;
import dev.baton.StepContext;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SecretsAndLogsTest {
    private static final String SECRET = "s3cr3t-Warehouse-Pa55";

    @TempDir
    Path dir;

    @Test
    void aResolvedSecretNeverReachesTheDatabaseFileTheLogsTheErrorsOrTheListeners() throws Exception {
        Path db = dir.resolve("baton.db");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        var workflow = WorkflowDefinition.of("leaky", String.class, (flow, in) -> {
            String echoed = flow.step("connect", () -> {
                String password = StepContext.current().secret("WAREHOUSE_PASSWORD");
                StepContext.current().log("stdout", "connecting with password " + password);
                return "used " + password;
            });
            flow.step("fail", () -> {
                String password = StepContext.current().secret("WAREHOUSE_PASSWORD");
                throw new IllegalStateException("login refused for password " + password);
            });
            return echoed;
        });
        String runId;
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).workflow(workflow).listener(events::add)
                .secrets(name -> name.equals("WAREHOUSE_PASSWORD") ? Optional.of(SECRET) : Optional.empty())
                .build()) {
            baton.start();
            runId = baton.start("leaky", "x").runId();
            assertThat(baton.handle(runId).await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.FAILED);
            List<LogLine> logs = baton.logs(runId, 0, 100);
            assertThat(logs).extracting(LogLine::line).containsExactly("connecting with password ***");
            assertThat(baton.steps(runId).get(0).output()).isEqualTo("\"used ***\"");
            assertThat(baton.findRun(runId).orElseThrow().error().message()).contains("password ***").doesNotContain(SECRET);
        }
        assertThat(events).extracting(RunEvent::detail).noneMatch(detail -> detail != null && detail.contains(SECRET));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as("contents of %s", file.getFileName()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void anUnknownSecretFailsTheStepNamingTheSecret() {
        var workflow = WorkflowDefinition.of("missing", String.class, (flow, in) ->
                flow.step("connect", () -> StepContext.current().secret("NO_SUCH_SECRET_ANYWHERE")));
        try (Baton baton = TestEngines.open(dir.resolve("b.db"), b -> b.workflow(workflow))) {
            var run = baton.start("missing", "x");
            assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.FAILED);
            assertThat(baton.steps(run.runId()).get(0).error().message())
                    .contains("secret 'NO_SUCH_SECRET_ANYWHERE'").contains("step 'connect'");
        }
    }
}
