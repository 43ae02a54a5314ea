package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class ReadCommandsTest {
    private static final String SMALL_ORDER = "{\"id\":\"A-1\",\"amountCents\":4999,\"country\":\"DE\"}";

    @TempDir
    Path dir;

    @Test
    void runsAsJsonIsOneArrayNewestFirstWithIsoTimesAndEmbeddedJson() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String first = cli.run("run", "OrderRouting", "--input", SMALL_ORDER, "--wait").runId();
        String second = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"1.0\"}").runId();

        Cli.Result result = cli.run("runs", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode runs = new ObjectMapper().readTree(result.out());
        assertThat(runs.isArray()).isTrue();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(second);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("WAITING");
        assertThat(runs.get(0).get("waitingFor").asText()).contains("approve");
        assertThat(runs.get(1).get("id").asText()).isEqualTo(first);
        assertThat(runs.get(1).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(runs.get(1).get("input").get("amountCents").asLong()).isEqualTo(4999);
        assertThat(runs.get(1).get("output").get("route").asText()).isEqualTo("shipped");
        Instant.parse(runs.get(1).get("createdAt").asText()); // ISO-8601, not a number
    }

    @Test
    void runsFiltersByStatusAndWorkflowAndPrintsATable() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        cli.run("run", "OrderRouting", "--input", SMALL_ORDER, "--wait");
        String waiting = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"1.0\"}").runId();

        Cli.Result table = cli.run("runs", "--status", "waiting,failed", "--workflow", "ReleaseApproval");

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("RUN ID", "WORKFLOW", "STATUS", "CREATED", "DURATION", "DETAIL", waiting,
                "waiting for signal 'approve'").doesNotContain("OrderRouting");
        assertThat(table.out().lines().count()).isEqualTo(2);
    }

    @Test
    void showOfAFailedRunShowsTheErrorWithItsStackTraceAndTheSteps() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "FlakyPayment", "--input", "{\"id\":\"P-9\",\"amountCents\":-5}", "--wait").runId();

        Cli.Result result = cli.run("show", runId);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Run       " + runId, "Workflow  FlakyPayment", "Status    FAILED",
                "Input     {\"id\":\"P-9\",\"amountCents\":-5}", "Error", "amountCents must be > 0",
                "\tat dev.baton.examples.FlakyPayment", "Steps", "call-payment-provider", "Timeline", "RUN_FAILED");
    }

    @Test
    void showListsEachFailedAttemptWithWhenTheNextWasDue() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "FlakyPayment", "--input", "{\"id\":\"P-1\",\"amountCents\":1250}").runId();

        Cli.Result result = cli.run("show", runId);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("attempt 1 at", "attempt 2 at", "payment provider unavailable",
                "next attempt due");
    }

    @Test
    void showAsJsonHasTheRunItsStepsAndItsTimeline() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String runId = cli.run("run", "OrderRouting", "--input", SMALL_ORDER, "--wait").runId();

        Cli.Result result = cli.run("show", runId, "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode show = new ObjectMapper().readTree(result.out());
        assertThat(show.get("run").get("id").asText()).isEqualTo(runId);
        assertThat(show.get("steps").get(0).get("name").asText()).isEqualTo("score-risk");
        assertThat(show.get("steps").get(0).get("attempts").get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(show.get("timeline").get(0).get("type").asText()).isEqualTo("RUN_CREATED");
    }

    /** An unknown id is the caller's mistake, like an unknown workflow: exit code 2. */
    @Test
    void showOfAnUnknownIdIsBadUsage() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        cli.run("run", "OrderRouting", "--input", SMALL_ORDER, "--wait");

        Cli.Result result = cli.run("show", "no-such-run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no run with id 'no-such-run'");
    }

    /** A store that does not exist is an error of its own (exit code 3), and is not created by reading. */
    @Test
    void readingAStoreThatDoesNotExistSaysSoWithoutCreatingIt() {
        Path db = dir.resolve("missing.db");

        Cli.Result result = new Cli(db).run("runs");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("no Baton store at " + db);
        assertThat(db).doesNotExist();
    }

    @Test
    void aFileThatIsNoStoreIsAStoreError() throws Exception {
        Path db = java.nio.file.Files.writeString(dir.resolve("notes.db"), "not a database");

        Cli.Result result = new Cli(db).run("runs");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains(db.toString()).doesNotContain("\tat ");
    }
}
