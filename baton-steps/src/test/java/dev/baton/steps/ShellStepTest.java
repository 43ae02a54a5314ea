package dev.baton.steps;

import dev.baton.NonRetryable;
import dev.baton.StepTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The shell-command step alone, on real processes, with a step context that records its log. */
@Timeout(60)
class ShellStepTest {

    @TempDir
    Path dir;

    private final FakeStepContext context = new FakeStepContext();

    @Test
    void streamsStdoutAndStderrIntoTheLogLineByLineAndKeepsThemInTheResult() throws Exception {
        ShellResult result = context.run(Shell.script("echo one; echo two >&2; printf 'three\\r\\nfour'"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("one\nthree\nfour");
        assertThat(result.stderr()).isEqualTo("two");
        assertThat(result.stdoutTruncated()).isFalse();
        assertThat(context.lines("stdout")).containsExactly("one", "three", "four");
        assertThat(context.lines("stderr")).containsExactly("two");
        assertThat(context.lines(ShellExecution.LOG)).first().asString().startsWith("$ /bin/sh -c ");
        assertThat(context.lines(ShellExecution.LOG)).last().asString().startsWith("exit code 0 after ");
    }

    @Test
    void logsEachLineWhileTheCommandIsStillRunning() throws Exception {
        Path go = dir.resolve("go");
        var running = context.start(Shell.script("echo started; while [ ! -f \"$1\" ]; do sleep 0.05; done; echo finished", go));

        Await.until(Duration.ofSeconds(20), "the first line in the log", () -> context.lines("stdout").contains("started"));
        assertThat(running.result()).isNotDone();
        Files.createFile(go);

        assertThat(running.result().get(20, TimeUnit.SECONDS).stdoutLines()).containsExactly("started", "finished");
    }

    @Test
    void passesArgumentsAsTheyAreWithNoShellInBetween() throws Exception {
        ShellResult result = context.run(Shell.command("printf", "%s|", "a b", "$HOME", "*", "it's", Path.of("x/y")));

        assertThat(result.stdout()).isEqualTo("a b|$HOME|*|it's|x/y|");
    }

    @Test
    void givesTheCommandItsEnvironmentAndBatonsVariables() throws Exception {
        ShellResult result = context.run(Shell.script(
                "echo \"$GREETING|$BATON_RUN_ID|$BATON_STEP|$BATON_IDEMPOTENCY_KEY|$BATON_ATTEMPT\"").env("GREETING", "hi"));

        assertThat(result.stdout()).isEqualTo("hi|run-1|step-1|run-1:3|1");
    }

    @Test
    void withoutInheritanceTheCommandSeesOnlyItsOwnVariables() throws Exception {
        ShellResult result = context.run(Shell.command("/usr/bin/env").inheritEnvironment(false).env("ONLY", "me"));

        assertThat(result.stdoutLines()).containsExactlyInAnyOrder("ONLY=me", "BATON_RUN_ID=run-1", "BATON_STEP=step-1",
                "BATON_IDEMPOTENCY_KEY=run-1:3", "BATON_ATTEMPT=1");
    }

    @Test
    void runsInTheWorkingDirectoryAndReadsStandardInput() throws Exception {
        Files.writeString(dir.resolve("input.txt"), "from a file\n");

        assertThat(context.run(Shell.command("pwd").workingDirectory(dir)).stdout()).isEqualTo(dir.toRealPath().toString());
        assertThat(context.run(Shell.command("cat").stdin("line 1\nline 2\n")).stdoutLines()).containsExactly("line 1", "line 2");
        assertThat(context.run(Shell.command("cat").stdinFrom(dir.resolve("input.txt"))).stdout()).isEqualTo("from a file");
        assertThat(context.run(Shell.command("cat")).stdout()).as("standard input is empty by default").isEmpty();
    }

    @Test
    void aSuccessCodeOtherThanZeroReturnsTheResultSoTheWorkflowCanBranch() throws Exception {
        ShellResult result = context.run(Shell.script("echo nothing to export; exit 3").successCodes(0, 3));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("nothing to export");
    }

    @Test
    void aFailingCodeIsRetryableByDefaultAndTheMessageNamesCommandCodeAndStderr() {
        Throwable failure = catchThrowable(() -> context.run(
                Shell.script("echo progress; echo 'warehouse: connection reset' >&2; exit 75", "--day", "2026-01-15")));

        assertThat(failure).isExactlyInstanceOf(ExitCodeException.class).isNotInstanceOf(NonRetryable.class);
        ExitCodeException e = (ExitCodeException) failure;
        assertThat(e.exitCode()).isEqualTo(75);
        assertThat(e.stderrTail()).isEqualTo("warehouse: connection reset");
        assertThat(e.command()).isEqualTo("/bin/sh -c 'echo progress; echo '\\''warehouse: connection reset'\\'' >&2; exit 75' sh --day 2026-01-15");
        assertThat(e.getMessage())
                .startsWith("command `" + e.command() + "` exited with code 75 after ")
                .contains("(retryable; success codes [0])")
                .endsWith("; last lines of stderr:\nwarehouse: connection reset");
    }

    @Test
    void codesOutsideTheRetryableOnesFailAtOnce() {
        ShellStep step = Shell.script("exit \"$1\"").retryableCodes(75);

        assertThat(catchThrowable(() -> context.run(step.args(75)))).isExactlyInstanceOf(ExitCodeException.class);
        Throwable fatal = catchThrowable(() -> context.run(step.args(2)));
        assertThat(fatal).isInstanceOf(FatalExitCodeException.class).isInstanceOf(NonRetryable.class)
                .hasMessageContaining("exited with code 2").hasMessageContaining("not retryable: only [75] are retryable")
                .hasMessageEndingWith("; it printed nothing");
    }

    @Test
    void nonRetryableCodesFailAtOnceAndStdoutStandsInForAnEmptyStderr() {
        Throwable fatal = catchThrowable(() -> context.run(Shell.script("echo 'usage: export DAY'; exit 2").nonRetryableCodes(2)));

        assertThat(fatal).isInstanceOf(FatalExitCodeException.class)
                .hasMessageContaining("not retryable: 2 is a non-retryable code")
                .hasMessageEndingWith("; stderr was empty; last lines of stdout:\nusage: export DAY");
        assertThat(catchThrowable(() -> context.run(Shell.script("exit 1").nonRetryableCodes(2))))
                .isExactlyInstanceOf(ExitCodeException.class);
    }

    @Test
    void theErrorQuotesOnlyTheLastLinesOfStderr() {
        ExitCodeException e = (ExitCodeException) catchThrowable(() -> context.run(
                Shell.script("i=1; while [ $i -le 100 ]; do echo \"error line $i\" >&2; i=$((i+1)); done; exit 1")));

        assertThat(e.stderrTail().lines().toList()).hasSize(ShellExecution.ERROR_LINES)
                .first().isEqualTo("error line 81");
        assertThat(e.getMessage()).endsWith("error line 100").doesNotContain("error line 80\n");
    }

    @Test
    void keepsOnlyTheEndOfALongOutputInTheResult() throws Exception {
        ShellResult result = context.run(Shell.script("i=1; while [ $i -le 1000 ]; do echo \"line $i\"; i=$((i+1)); done")
                .outputSummaryBytes(100));

        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stdout().length()).isLessThanOrEqualTo(100);
        assertThat(result.stdout()).endsWith("line 999\nline 1000");
        assertThat(result.stdoutLines().getFirst()).startsWith("line ");
        assertThat(context.lines("stdout")).hasSize(1000);
    }

    @Test
    void stopsLoggingAtTheLimitWithOneLineThatSaysSo() throws Exception {
        ShellResult result = context.run(Shell.script("i=1; while [ $i -le 1000 ]; do echo \"line $i\"; i=$((i+1)); done")
                .logLimitBytes(1000));

        List<String> logged = context.lines("stdout");
        assertThat(logged.stream().mapToInt(line -> line.length() + 1).sum()).isLessThanOrEqualTo(1000);
        assertThat(logged).hasSizeGreaterThan(50).startsWith("line 1", "line 2");
        assertThat(context.lines(ShellExecution.LOG)).filteredOn(line -> line.startsWith("log truncated")).hasSize(1);
        assertThat(result.stdout()).endsWith("line 1000");
    }

    @Test
    void splitsALineTooLongToKeepInMemory() throws Exception {
        ShellResult result = context.run(Shell.script("head -c 200000 /dev/zero | tr '\\0' x"));

        assertThat(context.lines("stdout")).hasSize(4)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(OutputPump.MAX_LINE_BYTES));
        assertThat(result.stdoutTruncated()).isTrue();
    }

    @Test
    void aProgramThatDoesNotExistFailsAtOnceNamingIt() {
        Throwable failure = catchThrowable(() -> context.run(Shell.command("baton-no-such-program", "--day", "1")));

        assertThat(failure).isInstanceOf(FatalCommandNotStartedException.class).isInstanceOf(NonRetryable.class)
                .hasMessageStartingWith("command `baton-no-such-program --day 1` could not be started: no program "
                        + "'baton-no-such-program' was found")
                .hasMessageContaining("not retried; ShellStep.retryLaunchFailures(true) retries it");
    }

    @Test
    void aProgramThatDoesNotExistIsRetryableWhenConfigured() {
        Throwable failure = catchThrowable(() -> context.run(Shell.command("baton-no-such-program").retryLaunchFailures(true)));

        assertThat(failure).isExactlyInstanceOf(CommandNotStartedException.class).isNotInstanceOf(NonRetryable.class);
    }

    @Test
    void aWorkingDirectoryThatDoesNotExistFailsAtOnceNamingIt() {
        Path missing = dir.resolve("no-such-folder");

        assertThatThrownBy(() -> context.run(Shell.command("ls").workingDirectory(missing)))
                .isInstanceOf(FatalCommandNotStartedException.class)
                .hasMessageStartingWith("command `ls` could not be started: its working directory " + missing
                        + " does not exist or is not a folder");
        assertThat(context.lines(ShellExecution.LOG)).isEmpty();
    }

    @Test
    void itsOwnTimeoutTerminatesTheWholeTree() throws Exception {
        Throwable failure = catchThrowable(() -> context.run(Shell.script(
                "sleep 1000 & echo $!; sleep 1000 & echo $!; echo $$; echo waiting >&2; wait").timeout(Duration.ofSeconds(3))));

        assertThat(failure).isInstanceOf(StepTimeoutException.class).isNotInstanceOf(NonRetryable.class)
                .hasMessageContaining("timed out after 3.0s (ShellStep.timeout); terminated its process tree (3 processes: TERM)")
                .hasMessageEndingWith("; last lines of stderr:\nwaiting");
        List<Long> pids = pids();
        assertThat(pids).hasSize(3);
        Await.until(Duration.ofSeconds(30), "every process of the tree gone", () -> pids.stream().noneMatch(Await::alive));
    }

    @Test
    void anInterruptTerminatesTheWholeTreeAndEndsTheAttempt() throws Exception {
        var running = context.start(Shell.script("sleep 1000 & echo $!; sh -c 'sleep 1000 & echo $!; wait' & echo $!; echo $$; wait"));
        Await.until(Duration.ofSeconds(20), "four pids in the log", () -> context.lines("stdout").size() == 4);
        List<Long> pids = pids();

        running.thread().interrupt();

        Throwable failure = catchThrowable(() -> running.result().get(30, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InterruptedException.class)
                .hasMessageContaining("was interrupted").hasMessageContaining("terminated its process tree (4 processes: TERM)");
        Await.until(Duration.ofSeconds(30), "every process of the tree gone", () -> pids.stream().noneMatch(Await::alive));
    }

    @Test
    void processesThatIgnoreTermAreKilledAfterTheGracePeriod() throws Exception {
        var running = context.start(Shell.script("trap '' TERM; sleep 1000 & echo $!; echo $$; wait")
                .terminationGrace(Duration.ofMillis(200)));
        Await.until(Duration.ofSeconds(20), "two pids in the log", () -> context.lines("stdout").size() == 2);
        List<Long> pids = pids();

        running.thread().interrupt();

        assertThat(catchThrowable(() -> running.result().get(30, TimeUnit.SECONDS))).cause()
                .hasMessageContaining("TERM, then KILL to 2 still alive after the grace period");
        Await.until(Duration.ofSeconds(30), "every process of the tree gone", () -> pids.stream().noneMatch(Await::alive));
    }

    @Test
    void returnsWhenTheCommandExitsEvenIfABackgroundProcessHoldsItsOutput() throws Exception {
        long background = -1;
        try {
            ShellResult result = context.run(Shell.script("sleep 1000 & echo $!"));
            background = Long.parseLong(result.stdout());

            // Depending on timing the JDK closes the output at the exit, or the step stops reading
            // after a short drain and logs that it did; either way the step returns.
            assertThat(result.exitCode()).isZero();
            assertThat(Await.alive(background)).as("the background process is left alone").isTrue();
        } finally {
            if (background > 0) {
                ProcessHandle.of(background).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void secretsAreResolvedAtExecutionAndMaskedInLogsResultsAndErrors() {
        FakeStepContext secrets = FakeStepContext.withSecrets(Map.of("PW", "hunter2-pw", "TOKEN", "tok-3141"));
        ShellStep step = Shell.script("echo \"arg $1 env $TOKEN\"; echo \"arg $1 env $TOKEN\" >&2; exit 9",
                        Secret.named("PW").formatted("--password=%s"))
                .env("TOKEN", Secret.named("TOKEN"));

        Throwable failure = catchThrowable(() -> secrets.run(step));

        assertThat(secrets.resolvedSecrets()).containsExactlyInAnyOrder("PW", "TOKEN");
        assertThat(failure).isInstanceOf(ExitCodeException.class)
                .hasMessageContaining("sh --password=<secret:PW>")
                .hasMessageEndingWith("last lines of stderr:\narg --password=*** env ***");
        assertThat(secrets.lines("stdout")).containsExactly("arg --password=*** env ***");
        assertThat(secrets.lines("stderr")).containsExactly("arg --password=*** env ***");
        List<String> everything = new ArrayList<>(secrets.logs().stream().map(FakeStepContext.LogLine::line).toList());
        everything.add(failure.getMessage());
        everything.add(step.toString());
        assertThat(everything).noneMatch(text -> text.contains("hunter2") || text.contains("tok-3141"));
    }

    @Test
    void aSecretNoProviderKnowsFailsTheAttemptBeforeAnythingStarts() {
        assertThatThrownBy(() -> context.run(Shell.command("echo").env("X", Secret.named("MISSING"))))
                .hasMessageContaining("MISSING");
        assertThat(context.logs()).isEmpty();
    }

    private List<Long> pids() {
        return context.lines("stdout").stream().map(Long::parseLong).toList();
    }
}
