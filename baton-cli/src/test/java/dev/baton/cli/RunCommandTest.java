package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void runWithWaitExecutesTheRunToCompletionAndPrintsItsProgress() {
        Cli cli = new Cli(dir.resolve("baton.db"));

        Cli.Result result = cli.run("run", "OrderRouting", "--input", "{\"id\":\"A-1\",\"amountCents\":4999,\"country\":\"DE\"}",
                "--wait");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String runId = result.runId();
        assertThat(result.out().lines().findFirst()).hasValue("Run " + runId + " of OrderRouting started.");
        assertThat(result.out()).contains("run started", "step #1 score-risk started", "score-risk completed",
                "Run " + runId + " COMPLETED", "\"route\":\"shipped\"");
    }

    @Test
    void aRetriedStepShowsEachFailedAttemptAndItsBackoff() {
        Cli cli = new Cli(dir.resolve("baton.db"));

        Cli.Result result = cli.run("run", "FlakyPayment", "--input", "{\"id\":\"P-1\",\"amountCents\":1250}");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("attempt 1 failed: java.io.IOException", "attempt 2 of 5 in 200ms",
                "attempt 2 failed", "(attempt 3)", "COMPLETED");
    }

    @Test
    void anUnknownWorkflowIsBadUsageAndNamesTheKnownOnes() {
        Path db = dir.resolve("baton.db");

        Cli.Result result = new Cli(db).run("run", "NoSuchWorkflow");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("NoSuchWorkflow", "known workflows:", "OrderRouting", "ReleaseApproval");
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(Files.exists(db)).as("a typo does not create a store").isFalse();
    }

    @Test
    void malformedJsonInputIsBadUsage() {
        Cli.Result result = new Cli(dir.resolve("baton.db")).run("run", "OrderRouting", "--input", "{\"id\":\"A-1\",");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("OrderRouting").contains("line 1");
        assertThat(result.out()).doesNotContain("started");
    }

    @Test
    void inputOfTheWrongTypeIsBadUsageAndNamesTheField() {
        Cli.Result result = new Cli(dir.resolve("baton.db")).run("run", "OrderRouting", "--input",
                "{\"id\":\"A-1\",\"amountCents\":\"lots\",\"country\":\"DE\"}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("amountCents");
    }

    @Test
    void inputCanBeReadFromAFile() throws Exception {
        Path input = Files.writeString(dir.resolve("order.json"), "{\"id\":\"A-7\",\"amountCents\":100,\"country\":\"DE\"}");

        Cli.Result result = new Cli(dir.resolve("baton.db")).run("run", "OrderRouting", "--input", "@" + input, "--wait");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"orderId\":\"A-7\"");
    }

    @Test
    void startingWithAnIdThatExistsFollowsTheExistingRun() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String input = "{\"id\":\"A-1\",\"amountCents\":4999,\"country\":\"DE\"}";
        assertThat(cli.run("run", "OrderRouting", "--id", "order-1", "--input", input, "--wait").exitCode()).isZero();

        Cli.Result again = cli.run("run", "OrderRouting", "--id", "order-1", "--input", input, "--wait");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Run order-1 of OrderRouting already exists (same run id)")
                .doesNotContain("run started");
    }

    @Test
    void aMalformedRunIdIsBadUsage() {
        Cli.Result result = new Cli(dir.resolve("baton.db")).run("run", "OrderRouting", "--id", "no spaces please");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("runId");
    }

    @Test
    void aFailedRunExitsWithOneAndPointsToShow() {
        Cli.Result result = new Cli(dir.resolve("baton.db")).run("run", "FlakyPayment", "--input",
                "{\"id\":\"P-9\",\"amountCents\":-5}", "--wait");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("FAILED", "amountCents must be > 0", "baton show " + result.runId());
    }

    @Test
    void withoutWaitARunWaitingForASignalReturnsWithTheCommandThatContinuesIt() {
        Cli.Result result = new Cli(dir.resolve("baton.db")).run("run", "ReleaseApproval", "--input",
                "{\"version\":\"1.4.0\"}");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String runId = result.runId();
        assertThat(result.out()).contains("is WAITING for signal 'approve'",
                "baton signal " + runId + " approve JSON");
    }
}
