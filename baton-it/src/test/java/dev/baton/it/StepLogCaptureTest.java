package dev.baton.it;

import dev.baton.Baton;
import dev.baton.LogLine;
import dev.baton.Retry;
import dev.baton.RunStatus;
import dev.baton.StepContext;
import dev.baton.StepOptions;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** What steps log through SLF4J (Logback is the tests' backend) lands in the store with the step's attempt. */
@Timeout(60)
class StepLogCaptureTest {
    private static final Logger loader = LoggerFactory.getLogger("com.example.load.Loader");
    private static final Logger cap = LoggerFactory.getLogger("cap");

    @TempDir
    Path dir;

    @Test
    void linesAStepLogsAreStoredPerStepAndAttemptAndNothingFromOtherThreadsOrOutsideSteps() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        // A thread of the application logging all along: none of its lines belong to a step.
        Thread noise = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                loader.info("background noise");
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var workflow = WorkflowDefinition.of("load", String.class, (flow, day) -> {
            loader.info("workflow code between steps");
            int rows = flow.step("load", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(20))), () -> {
                int attempt = StepContext.current().attempt();
                loader.info("loading {} (attempt {})", day, attempt);
                Thread helper = new Thread(() -> loader.info("from a thread the step started"));
                helper.start();
                helper.join();
                if (attempt == 1) {
                    loader.warn("warehouse busy");
                    throw new IllegalStateException("warehouse busy");
                }
                return 40;
            });
            flow.step("report", () -> {
                loader.info("reporting {} rows", rows);
                loader.debug("below the logger's level: not stored");
                return null;
            });
            return "ok";
        });
        try (Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.workflow(workflow))) {
            var run = baton.start("load", "2026-01-15");
            assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
            stop.set(true);
            noise.join();
            List<LogLine> logs = awaitLogs(baton, run.runId(), 4);
            assertThat(logs).extracting(l -> l.seq() + "/" + l.attempt() + " " + l.stream() + " " + l.line())
                    .containsExactly(
                            "1/1 info Loader - loading 2026-01-15 (attempt 1)",
                            "1/1 warn Loader - warehouse busy",
                            "1/2 info Loader - loading 2026-01-15 (attempt 2)",
                            "2/1 info Loader - reporting 40 rows");
        }
    }

    @Test
    void theMdcNamesTheRunTheStepAndTheAttemptAlsoOnATimedStepsOwnThread() {
        var workflow = WorkflowDefinition.of("mdc", String.class, (flow, in) -> {
            String plain = flow.step("plain", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(10))), () -> {
                if (StepContext.current().attempt() == 1) {
                    throw new IllegalStateException("once");
                }
                return mdc();
            });
            String timed = flow.step("timed", StepOptions.timeout(Duration.ofSeconds(10)), StepLogCaptureTest::mdc);
            return plain + " | " + timed + " | after: " + MDC.get("step");
        });
        try (Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.workflow(workflow))) {
            var run = baton.start("mdc", "x");
            String result = run.result(Duration.ofSeconds(20));
            assertThat(result).isEqualTo(run.runId() + " mdc plain 2 | " + run.runId() + " mdc timed 1 | after: null");
        }
    }

    private static String mdc() {
        return MDC.get("runId") + " " + MDC.get("workflow") + " " + MDC.get("step") + " " + MDC.get("attempt");
    }

    @Test
    void anAttemptsLogIsCutAtTheLimitAndEndsWithHowMuchWasDropped() {
        String fifty = "x".repeat(44); // "cap - " + 44 characters: 50 bytes, 51 with its line break
        var workflow = WorkflowDefinition.of("chatty", String.class, (flow, in) -> flow.step("chatter", () -> {
            for (int i = 0; i < 100; i++) {
                cap.info(fifty);
            }
            return "done";
        }));
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).workflow(workflow)
                .stepLogLimit(1000).build()) {
            baton.start();
            var run = baton.start("chatty", "x");
            assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
            // 19 lines of 51 bytes fit in 1000; 81 lines (4131 bytes) are dropped.
            List<LogLine> logs = awaitLogs(baton, run.runId(), 21);
            assertThat(logs).hasSize(21);
            assertThat(logs.subList(0, 19)).allSatisfy(l -> assertThat(l.line()).isEqualTo("cap - " + fifty));
            assertThat(logs.get(19).stream()).isEqualTo("baton");
            assertThat(logs.get(19).line()).isEqualTo("[log of step 'chatter' attempt 1 reached its limit of 1000 bytes; "
                    + "later lines are dropped (BatonBuilder.stepLogLimit raises the limit)]");
            assertThat(logs.get(20).stream()).isEqualTo("baton");
            assertThat(logs.get(20).line()).isEqualTo("[log of step 'chatter' attempt 1 truncated: 81 lines (4131 bytes) "
                    + "over the limit of 1000 bytes were dropped]");
        }
    }

    @Test
    void secretsAreMaskedInCapturedLinesAndExceptionsKeepTheirStackTrace() {
        String secret = "pa55-Warehouse-s3cret";
        var workflow = WorkflowDefinition.of("connect", String.class, (flow, in) -> flow.step("connect", () -> {
            String password = StepContext.current().secret("WAREHOUSE_PASSWORD");
            loader.info("connecting with {}", password);
            loader.error("refused", new IllegalStateException("login refused for " + password));
            return "ok";
        }));
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).workflow(workflow)
                .secrets(name -> Optional.of(secret).filter(s -> name.equals("WAREHOUSE_PASSWORD"))).build()) {
            baton.start();
            var run = baton.start("connect", "x");
            assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
            List<LogLine> logs = awaitLogs(baton, run.runId(), 4);
            assertThat(logs.get(0).line()).isEqualTo("Loader - connecting with ***");
            assertThat(logs.get(1).stream()).isEqualTo("error");
            assertThat(logs.get(1).line()).isEqualTo("Loader - refused");
            assertThat(logs.get(2).line()).isEqualTo("java.lang.IllegalStateException: login refused for ***");
            assertThat(logs.get(3).line()).contains("at dev.baton.it.StepLogCaptureTest");
            assertThat(logs).extracting(LogLine::line).noneMatch(l -> l.contains(secret));
        }
    }

    @Test
    void loggingALotDoesNotHoldTheStepUp() {
        int lines = 50_000;
        var workflow = WorkflowDefinition.of("loud", String.class, (flow, in) -> flow.step("loud", () -> {
            long started = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                cap.info("line {} of the step", i);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }));
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).workflow(workflow)
                .stepLogLimit(64L * 1024 * 1024).build()) {
            baton.start();
            var run = baton.start("loud", "x");
            long millis = run.<Long>result(Duration.ofSeconds(30));
            List<LogLine> last = awaitLogs(baton, run.runId(), 1);
            assertThat(last).isNotEmpty();
            TestEngines.await("all lines stored", Duration.ofSeconds(30),
                    () -> count(baton, run.runId()) == lines);
            System.out.println("logged " + lines + " SLF4J lines in a step in " + millis + " ms");
            // A generous bound: the lines are queued for the writer, the step never waits for the disk.
            assertThat(millis).isLessThan(10_000);
        }
    }

    private static long count(Baton baton, String runId) {
        long n = 0;
        long after = 0;
        while (true) {
            List<LogLine> page = baton.logs(runId, after, 10_000);
            if (page.isEmpty()) {
                return n;
            }
            n += page.size();
            after = page.get(page.size() - 1).id();
        }
    }

    /** Log lines are recorded without waiting: wait until at least {@code n} are stored. */
    private static List<LogLine> awaitLogs(Baton baton, String runId, int n) {
        TestEngines.await(n + " log lines of run " + runId, Duration.ofSeconds(20),
                () -> baton.logs(runId, 0, 10_000).size() >= n);
        return baton.logs(runId, 0, 10_000);
    }

}
