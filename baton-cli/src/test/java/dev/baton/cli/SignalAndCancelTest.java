package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SignalAndCancelTest {

    @TempDir
    Path dir;

    @Test
    void aSignalContinuesAWaitingApprovalToCompletion() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"2.0.0\"}").runId();

        Cli.Result result = cli.run("signal", runId, "approve", "true");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Sent signal 'approve' = true to run " + runId, "publish",
                "Run " + runId + " COMPLETED", "\"approved\":true");
    }

    @Test
    void aRejectionTakesTheOtherBranch() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"2.0.1\"}").runId();

        Cli.Result result = cli.run("signal", runId, "approve", "false");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("discard", "\"approved\":false");
    }

    @Test
    void aSignalWithMalformedJsonIsBadUsage() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"2.0.2\"}").runId();

        Cli.Result result = cli.run("signal", runId, "approve", "{nope");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not valid JSON");
    }

    @Test
    void signallingAFinishedRunIsBadUsage() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"2.0.3\"}").runId();
        assertThat(cli.run("signal", runId, "approve", "true").exitCode()).isZero();

        Cli.Result again = cli.run("signal", runId, "approve", "true");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains(runId, "COMPLETED");
    }

    @Test
    void cancellingAWaitingRunCancelsItNow() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"3.0.0\"}").runId();

        Cli.Result result = cli.run("cancel", runId);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Cancellation of run " + runId, "Run " + runId + " CANCELLED.");
        assertThat(cli.run("runs", "--status", "CANCELLED").out()).contains(runId);
    }

    @Test
    void cancellingAFinishedRunSaysThereIsNothingToCancel() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "OrderRouting", "--input", "{\"id\":\"A-1\",\"amountCents\":1,\"country\":\"DE\"}",
                "--wait").runId();

        Cli.Result result = cli.run("cancel", runId);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("already ended COMPLETED; there is nothing to cancel");
    }

    @Test
    void cancellingAnUnknownRunIsBadUsage() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        cli.run("run", "OrderRouting", "--input", "{\"id\":\"A-1\",\"amountCents\":1,\"country\":\"DE\"}", "--wait");

        assertThat(cli.run("cancel", "nope").exitCode()).isEqualTo(2);
    }

    @Test
    void aRunSleepingLongerThanAMinuteReturnsWithTheCommandThatSitsItOut() {
        Cli cli = new Cli(dir.resolve("baton.db"));

        Cli.Result result = cli.run("run", "DelayedReminder", "--input", "{\"to\":\"ops@example.com\",\"delaySeconds\":3600}");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String runId = result.runId();
        assertThat(result.out()).contains("Run " + runId + " is WAITING for sleep", "baton wait " + runId);
        assertThat(cli.run("cancel", runId).out()).contains("CANCELLED");
    }

    @Test
    void waitReportsHowAFinishedRunEnded() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String completed = cli.run("run", "OrderRouting", "--input", "{\"id\":\"A-1\",\"amountCents\":1,\"country\":\"DE\"}",
                "--wait").runId();
        String failed = cli.run("run", "FlakyPayment", "--input", "{\"id\":\"P-9\",\"amountCents\":-5}", "--wait").runId();

        Cli.Result ok = cli.run("wait", completed);
        Cli.Result notOk = cli.run("wait", failed);

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Run " + completed + " COMPLETED");
        assertThat(notOk.exitCode()).as(notOk.toString()).isEqualTo(1);
        assertThat(notOk.out()).contains("Run " + failed + " FAILED");
    }
}
