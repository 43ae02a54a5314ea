package dev.baton.steps;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.TimelineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At-least-once: a worker JVM is killed with SIGKILL while a shell step runs; a new engine on the
 * same file executes the step again, and the command sees the same idempotency key both times,
 * so it can recognise work it already did.
 */
@Timeout(180)
class ShellStepCrashTest {
    @TempDir
    Path dir;

    @Test
    void aCommandExecutedAgainAfterACrashSeesTheSameIdempotencyKey() throws Exception {
        Path db = dir.resolve("baton.db");
        Path ledger = dir.resolve("ledger.txt");
        Path go = dir.resolve("go");
        List<Long> commandPids = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process worker = new ProcessBuilder(java, "-cp", classpath, ShellCrashWorker.class.getName(),
                db.toString(), ledger.toString(), go.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
        try {
            Await.until(Duration.ofSeconds(60), "the command to start in the worker", () -> lines(ledger).size() == 1);
            // The step's start is recorded without waiting for its commit; kill the worker once it is
            // stored, so that the new engine finds the step interrupted rather than never begun.
            try (Baton reader = Baton.builder().store(StoreConfig.sqlite(db)).workflow(ShellCrashWorker.workflow(ledger, go))
                    .build()) { // not started: it only reads
                Await.until(Duration.ofSeconds(60), "the step's start to be stored", () -> reader.steps(ShellCrashWorker.RUN_ID)
                        .stream().anyMatch(step -> step.status() == dev.baton.StepStatus.RUNNING));
            }
            worker.destroyForcibly();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            commandPids.add(Long.parseLong(lines(ledger).get(0).split(" ")[2]));

            try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db))
                    .workflow(ShellCrashWorker.workflow(ledger, go)).pollInterval(Duration.ofMillis(50)).build()) {
                baton.start();
                Await.until(Duration.ofSeconds(60), "the command executed again", () -> lines(ledger).size() == 2);
                commandPids.add(Long.parseLong(lines(ledger).get(1).split(" ")[2]));
                Files.createFile(go);

                String output = baton.handle(ShellCrashWorker.RUN_ID).result(Duration.ofSeconds(60));

                List<String> executions = lines(ledger);
                String key = executions.get(0).split(" ")[0];
                assertThat(executions).extracting(line -> line.split(" ")[0]).containsExactly(key, key);
                assertThat(key).isNotBlank();
                assertThat(output).isEqualTo("exported with key " + key);
                assertThat(baton.timeline(ShellCrashWorker.RUN_ID)).extracting(TimelineEvent::type).contains("STEP_INTERRUPTED");
            }
        } finally {
            worker.destroyForcibly();
            if (!Files.exists(go)) {
                Files.createFile(go);
            }
            commandPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
