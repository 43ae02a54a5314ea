package dev.baton.steps;

import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.Retry;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepFailedException;
import dev.baton.StepInfo;
import dev.baton.StepOptions;
import dev.baton.StepStatus;
import dev.baton.StepTimeoutException;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.steps.Engines.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** The shell-command step inside workflows on the real engine and a SQLite file. */
@Timeout(120)
class ShellStepEngineTest {

    @TempDir
    Path dir;

    private static final StepOptions QUICK_RETRIES = StepOptions.retry(Retry.fixed(3, Duration.ofMillis(20)));

    @Test
    void theOutputIsInTheRunsLogAndTheResultIsCheckpointed() {
        var workflow = WorkflowDefinition.of("extract", String.class, (flow, day) -> {
            ShellResult out = flow.step("extract", Shell.script("echo \"rows for $1\"; echo 'one warning' >&2", day));
            return out.stdout();
        });
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("extract", "2026-01-15");

            assertThat(run.<String>result(RESULT_TIMEOUT)).isEqualTo("rows for 2026-01-15");
            StepInfo step = Engines.step(baton, run.runId(), "extract");
            assertThat(step.output()).contains("\"exitCode\":0").contains("\"stdout\":\"rows for 2026-01-15\"");
            assertThat(Engines.logs(baton, run.runId(), step.seq(), "stdout")).containsExactly("rows for 2026-01-15");
            assertThat(Engines.logs(baton, run.runId(), step.seq(), "stderr")).containsExactly("one warning");
            assertThat(Engines.logs(baton, run.runId(), step.seq(), ShellExecution.LOG)).hasSize(2)
                    .first().asString().startsWith("$ /bin/sh -c ");
        }
    }

    @Test
    void aRetryableExitCodeIsRetriedWithTheSameIdempotencyKeyInTheEnvironment() {
        var workflow = WorkflowDefinition.of("flaky", String.class, (flow, in) -> {
            ShellResult out = flow.step("call", QUICK_RETRIES, Shell.script(
                    "echo \"$BATON_RUN_ID $BATON_STEP $BATON_IDEMPOTENCY_KEY $BATON_ATTEMPT\"; "
                            + "if [ \"$BATON_ATTEMPT\" -lt 3 ]; then echo 'try again' >&2; exit 75; fi"));
            return out.stdout();
        });
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("flaky", "x");

            String last = run.result(RESULT_TIMEOUT);

            StepInfo step = Engines.step(baton, run.runId(), "call");
            assertThat(step.attempts()).hasSize(3);
            assertThat(step.attempts().get(0).error().type()).isEqualTo(ExitCodeException.class.getName());
            assertThat(step.attempts().get(0).error().message()).contains("exited with code 75")
                    .endsWith("last lines of stderr:\ntry again");
            List<String> seen = Engines.logs(baton, run.runId(), step.seq(), "stdout");
            assertThat(seen).hasSize(3);
            String key = seen.get(0).split(" ")[2];
            assertThat(seen).containsExactly(
                    run.runId() + " call " + key + " 1", run.runId() + " call " + key + " 2", run.runId() + " call " + key + " 3");
            assertThat(last).isEqualTo(seen.get(2));
        }
    }

    @Test
    void aNonRetryableExitCodeEndsTheStepAtOnceAndTheWorkflowCanBranchOnIt() {
        var workflow = WorkflowDefinition.of("branch", String.class, (flow, in) -> {
            try {
                flow.step("validate", StepOptions.retry(Retry.exponential(5)),
                        Shell.script("echo 'bad input file' >&2; exit 2").nonRetryableCodes(2));
                return "valid";
            } catch (StepFailedException e) {
                return e.isCausedBy(ExitCodeException.class) ? "rejected after " + e.attempts() + " attempt" : "other";
            }
        });
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("branch", "x");

            assertThat(run.<String>result(RESULT_TIMEOUT)).isEqualTo("rejected after 1 attempt");
            StepInfo step = Engines.step(baton, run.runId(), "validate");
            assertThat(step.status()).isEqualTo(StepStatus.FAILED);
            assertThat(step.error().type()).isEqualTo(FatalExitCodeException.class.getName());
            assertThat(step.error().message()).contains("not retryable: 2 is a non-retryable code").endsWith("bad input file");
        }
    }

    @Test
    void aProgramThatDoesNotExistIsNotRetriedAndAMissingFolderNeither() {
        var workflow = WorkflowDefinition.of("missing", String.class, (flow, in) -> {
            List<String> errors = new java.util.ArrayList<>();
            try {
                flow.step("no-program", StepOptions.retry(Retry.exponential(5)), Shell.command("baton-no-such-program", "--x"));
            } catch (StepFailedException e) {
                errors.add(e.attempts() + " " + e.failureMessage());
            }
            try {
                flow.step("no-folder", StepOptions.retry(Retry.exponential(5)),
                        Shell.command("ls").workingDirectory(Path.of(in)));
            } catch (StepFailedException e) {
                errors.add(e.attempts() + " " + e.failureMessage());
            }
            return String.join("\n", errors);
        });
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            Path missing = dir.resolve("no-such-folder");
            RunHandle run = baton.start("missing", missing.toString());

            String errors = run.result(RESULT_TIMEOUT);

            assertThat(errors.lines().toList()).satisfiesExactly(
                    first -> assertThat(first).startsWith("1 command `baton-no-such-program --x` could not be started: "
                            + "no program 'baton-no-such-program' was found"),
                    second -> assertThat(second).startsWith("1 command `ls` could not be started: its working directory "
                            + missing + " does not exist"));
        }
    }

    @Test
    void theStepTimeoutTerminatesTheWholeProcessTree() {
        var workflow = WorkflowDefinition.of("slow", String.class, (flow, in) -> flow.step("slow",
                StepOptions.timeout(Duration.ofSeconds(3)),
                Shell.script("sleep 1000 & echo $!; sh -c 'sleep 1000 & echo $!; wait' & echo $!; echo $$; wait")));
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("slow", "x");

            RunInfo info = run.await(RESULT_TIMEOUT);

            assertThat(info.status()).isEqualTo(RunStatus.FAILED);
            StepInfo step = Engines.step(baton, run.runId(), "slow");
            assertThat(step.error().type()).isEqualTo(StepTimeoutException.class.getName());
            List<Long> pids = Engines.logs(baton, run.runId(), step.seq(), "stdout").stream().map(Long::parseLong).toList();
            assertThat(pids).hasSize(4);
            Await.until(Duration.ofSeconds(30), "every process of the tree gone, by pid " + pids,
                    () -> pids.stream().noneMatch(Await::alive));
            Await.until(Duration.ofSeconds(30), "the termination in the step's log", () ->
                    Engines.logs(baton, run.runId(), step.seq(), ShellExecution.LOG).stream()
                            .anyMatch(line -> line.startsWith("terminated its process tree (4 processes: TERM)")));
        }
    }

    @Test
    void cancellingTheRunTerminatesTheWholeProcessTreeAndFinallyStepsStillRun() {
        var workflow = WorkflowDefinition.of("cancellable", String.class, (flow, in) -> {
            try {
                flow.step("work", Shell.script("sleep 1000 & echo $!; sh -c 'sleep 1000 & echo $!; wait' & echo $!; echo $$; wait"));
                return "done";
            } finally {
                flow.step("clean-up", Shell.command("echo", "cleaned"));
            }
        });
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("cancellable", "x");
            Await.until(RESULT_TIMEOUT, "four pids in the log", () -> baton.logs(run.runId(), 0, 100).stream()
                    .filter(l -> l.stream().equals("stdout")).count() == 4);
            StepInfo work = Engines.step(baton, run.runId(), "work");
            List<Long> pids = Engines.logs(baton, run.runId(), work.seq(), "stdout").stream().map(Long::parseLong).toList();

            baton.cancel(run.runId());

            assertThat(run.await(RESULT_TIMEOUT).status()).isEqualTo(RunStatus.CANCELLED);
            Await.until(Duration.ofSeconds(30), "every process of the tree gone, by pid " + pids,
                    () -> pids.stream().noneMatch(Await::alive));
            assertThat(Engines.step(baton, run.runId(), "work").status()).isEqualTo(StepStatus.CANCELLED);
            StepInfo cleanUp = Engines.step(baton, run.runId(), "clean-up");
            assertThat(cleanUp.status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(Engines.logs(baton, run.runId(), cleanUp.seq(), "stdout")).containsExactly("cleaned");
        }
    }

    @Test
    void everyAttemptIsRecordedWithItsError() {
        var workflow = WorkflowDefinition.of("always-fails", String.class, (flow, in) ->
                flow.step("fail", QUICK_RETRIES, Shell.script("echo \"attempt $BATON_ATTEMPT failed\" >&2; exit 1")).stdout());
        try (Baton baton = Engines.start(dir.resolve("baton.db"), Map.of(), workflow)) {
            RunHandle run = baton.start("always-fails", "x");

            assertThat(run.await(RESULT_TIMEOUT).status()).isEqualTo(RunStatus.FAILED);
            List<AttemptInfo> attempts = Engines.step(baton, run.runId(), "fail").attempts();
            assertThat(attempts).extracting(a -> a.error().message().lines().reduce((a1, b) -> b).orElseThrow())
                    .containsExactly("attempt 1 failed", "attempt 2 failed", "attempt 3 failed");
        }
    }
}
