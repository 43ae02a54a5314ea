package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepStatus;
import dev.baton.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM executes runs and is killed with SIGKILL in the middle of a step; a new engine on
 * the same file resumes the runs. The side-effect ledger proves that no step whose checkpoint
 * was durable executed again, that the interrupted steps did, and the results are right.
 */
@Timeout(180)
class CrashRecoveryTest {
    @TempDir
    Path dir;

    private Process startWorker(Path db, Path ledger, int runs, int steps, int slowStep, int maxPause) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-Dbaton.crash.slow=true", "-cp", classpath, CrashWorker.class.getName(),
                db.toString(), ledger.toString(), Integer.toString(runs), Integer.toString(steps),
                Integer.toString(slowStep), Integer.toString(maxPause))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile())
                .start();
    }

    private static Map<String, Integer> startsPerStep(Path ledger) throws IOException {
        Map<String, Integer> starts = new HashMap<>();
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger)) {
                if (line.endsWith(" start")) {
                    starts.merge(line.substring(0, line.length() - " start".length()), 1, Integer::sum);
                }
            }
        }
        return starts;
    }

    private static void kill(Process worker) throws InterruptedException {
        worker.destroyForcibly(); // SIGKILL: no shutdown hook, no clean release
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRunKilledInTheMiddleOfAStepResumesAndOnlyTheInterruptedStepExecutesAgain() throws Exception {
        Path db = dir.resolve("baton.db");
        Path ledger = dir.resolve("ledger.txt");
        Process worker = startWorker(db, ledger, 1, 5, 3, 0);
        TestEngines.await("step s3 to start in the worker", Duration.ofSeconds(60),
                () -> uncheckedStarts(ledger).containsKey("run-0 s3"));
        kill(worker);

        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).workflow(new LedgerWorkflow(ledger)).build()) {
            assertThat(baton.findRun("run-0").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            long before = System.nanoTime();
            baton.start();
            assertThat(baton.handle("run-0").<Integer>result(Duration.ofSeconds(30))).isEqualTo(15);
            System.out.printf("recovered 1 killed run in %d ms%n", (System.nanoTime() - before) / 1_000_000);
            assertThat(baton.timeline("run-0")).extracting(e -> e.type()).contains("RUN_RECOVERED", "STEP_INTERRUPTED");
        }
        Map<String, Integer> starts = startsPerStep(ledger);
        assertThat(starts).containsEntry("run-0 s1", 1).containsEntry("run-0 s2", 1).containsEntry("run-0 s3", 2)
                .containsEntry("run-0 s4", 1).containsEntry("run-0 s5", 1);
    }

    @Test
    void twoHundredRunsInFlightAtTheKillAllFinishWithNoCheckpointedStepExecutedTwice() throws Exception {
        int runs = 200;
        int steps = 8;
        Path db = dir.resolve("baton.db");
        Path ledger = dir.resolve("ledger.txt");
        Process worker = startWorker(db, ledger, runs, steps, 0, 200);
        TestEngines.await("the worker to start every run and be half way", Duration.ofSeconds(90),
                () -> workerSaid("STARTED " + runs) && uncheckedStarts(ledger).size() >= runs * steps / 2);
        kill(worker);

        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).workflow(new LedgerWorkflow(ledger)).build()) {
            Set<String> checkpointed = new HashSet<>();
            Set<String> interrupted = new HashSet<>();
            int inFlight = 0;
            for (RunInfo run : baton.runs(RunQuery.all().withLimit(1000))) {
                if (!run.status().isTerminal()) {
                    inFlight++;
                }
                for (StepInfo step : baton.steps(run.id())) {
                    (step.status() == StepStatus.COMPLETED ? checkpointed : interrupted).add(run.id() + " " + step.name());
                }
            }
            assertThat(inFlight).as("runs in flight at the kill").isGreaterThan(100);
            assertThat(interrupted).as("steps interrupted by the kill").isNotEmpty();
            Map<String, Integer> startsAtKill = startsPerStep(ledger);

            long before = System.nanoTime();
            baton.start();
            for (int i = 0; i < runs; i++) {
                assertThat(baton.handle("run-" + i).<Integer>result(Duration.ofSeconds(60))).isEqualTo(steps * (steps + 1) / 2);
            }
            System.out.printf("recovered %d runs in flight at the kill in %d ms%n", inFlight,
                    (System.nanoTime() - before) / 1_000_000);

            Map<String, Integer> starts = startsPerStep(ledger);
            for (int i = 0; i < runs; i++) {
                for (int s = 1; s <= steps; s++) {
                    String key = "run-" + i + " s" + s;
                    int count = starts.getOrDefault(key, 0);
                    if (checkpointed.contains(key)) {
                        assertThat(count).as("executions of checkpointed step %s", key).isEqualTo(1);
                    } else {
                        assertThat(count).as("executions of step %s", key)
                                .isEqualTo(startsAtKill.getOrDefault(key, 0) + 1);
                    }
                }
            }
            // The steps caught in the middle by the kill ran their body a second time.
            assertThat(interrupted).filteredOn(key -> startsAtKill.getOrDefault(key, 0) == 1)
                    .isNotEmpty()
                    .allSatisfy(key -> assertThat(starts.get(key)).as("executions of interrupted step %s", key).isEqualTo(2));
        }
    }

    private boolean workerSaid(String line) {
        try {
            Path log = dir.resolve("worker.log");
            return Files.exists(log) && Files.readString(log).contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Integer> uncheckedStarts(Path ledger) {
        try {
            return startsPerStep(ledger);
        } catch (IOException e) {
            return Map.of();
        }
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
