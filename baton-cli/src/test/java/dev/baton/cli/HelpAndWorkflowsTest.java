package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class HelpAndWorkflowsTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Result result = Cli.runRaw("--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Usage: baton", "--db=PATH", "demo", "workflows", "run", "runs", "show",
                "signal", "cancel", "wait", "Exit codes:", "2  bad usage");
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        Cli.Result result = Cli.runRaw("run", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: baton run", "--input=JSON", "--id=RUN_ID", "--key=IDEMPOTENCY_KEY",
                "--wait");
    }

    @Test
    void versionNamesTheProjectVersion() {
        Cli.Result result = Cli.runRaw("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("baton 0.");
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        Cli.Result result = Cli.runRaw("frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "frobnicate");
    }

    @Test
    void workflowsAsJsonListTheExamplesWithInputTypeAndDescription() throws Exception {
        Cli.Result result = new Cli(dir.resolve("baton.db")).run("workflows", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode workflows = new ObjectMapper().readTree(result.out());
        assertThat(workflows.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        workflows.forEach(w -> names.add(w.get("name").asText()));
        assertThat(names).contains("OrderRouting", "FlakyPayment", "FanOut", "DelayedReminder", "ReleaseApproval");
        JsonNode order = find(workflows, "OrderRouting");
        assertThat(order.get("inputType").asText()).isEqualTo("dev.baton.examples.OrderRouting$Order");
        assertThat(order.get("description").asText()).isNotBlank();
        assertThat(order.get("className").asText()).isEqualTo("dev.baton.examples.OrderRouting");
    }

    @Test
    void workflowsNeedNoStore() {
        Path db = dir.resolve("never-created.db");

        Cli.Result result = new Cli(db).run("workflows");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("NAME", "INPUT", "DESCRIPTION", "ReleaseApproval", "ReleaseApproval.Release");
        assertThat(Files.exists(db)).isFalse();
    }

    private static JsonNode find(JsonNode workflows, String name) {
        for (JsonNode workflow : workflows) {
            if (workflow.get("name").asText().equals(name)) {
                return workflow;
            }
        }
        throw new AssertionError("no workflow " + name + " in " + workflows);
    }
}
