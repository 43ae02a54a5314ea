package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.examples.DemoSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class LogsCommandTest {
    @TempDir
    Path dir;

    @Test
    void logsPrintsWhatTheStepsLoggedWithSecretsMaskedAndAsJsonLines() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String input = "{\"day\":\"2026-01-15\",\"orders\":3,\"outputDir\":\"" + dir.resolve("out").toString().replace("\\", "/")
                + "\",\"reportsUrl\":null}";
        String runId = cli.run("run", "NightlyExport", "--input", input, "--wait").runId();

        Cli.Result text = cli.run("logs", runId);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("stdout").doesNotContain(DemoSecrets.DEFAULT_VALUE);

        Cli.Result json = cli.run("logs", runId, "--json", "--follow");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        String[] lines = json.out().strip().split("\n");
        assertThat(lines).isNotEmpty();
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("stream").asText()).isIn("stdout", "stderr", "log");
        assertThat(first.get("id").asLong()).isPositive();

        Cli.Result unknown = cli.run("logs", "no-such-run");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no-such-run");
    }
}
