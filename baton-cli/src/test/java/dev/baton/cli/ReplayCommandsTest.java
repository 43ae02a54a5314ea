package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton export} and {@code baton replay-check} in this process, on real store files. */
@Timeout(120)
class ReplayCommandsTest {
    private static final String RELEASE = "{\"version\":\"1.4.0\"}";

    @TempDir
    Path dir;

    /** @return the histories file of one ReleaseApproval run waiting for its approval, and the run's id */
    private String[] exportAWaitingRelease(Cli cli) throws Exception {
        cli.run("run", "OrderRouting", "--input", "{\"id\":\"A-1\",\"amountCents\":4999,\"country\":\"DE\"}", "--wait");
        String runId = cli.run("run", "ReleaseApproval", "--input", RELEASE).runId();
        Cli.Result export = cli.run("export", "--status", "running,waiting");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.err()).contains("Exported 1 run", "replay-check");
        Path file = dir.resolve("histories.jsonl");
        Files.writeString(file, export.out());
        return new String[] {file.toString(), runId};
    }

    @Test
    void exportWritesOneJsonLinePerRunInFlightWithItsStepsAndFormat() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);

        List<String> lines = Files.readAllLines(Path.of(exported[0]));

        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("format").asInt()).isEqualTo(1);
        assertThat(line.get("run").get("id").asText()).isEqualTo(exported[1]);
        assertThat(line.get("run").get("workflow").asText()).isEqualTo("ReleaseApproval");
        assertThat(line.get("run").get("status").asText()).isEqualTo("WAITING");
        assertThat(line.get("run").get("codeVersion").asText()).isNotBlank();
        assertThat(line.get("run").get("input").get("version").asText()).isEqualTo("1.4.0");
        assertThat(line.get("steps").get(0).get("name").asText()).isEqualTo("build-release-notes");
        assertThat(line.get("steps").get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(line.get("steps").get(1).get("kind").asText()).isEqualTo("SIGNAL");
    }

    @Test
    void replayCheckOfRunsTheCodeReplaysExitsZero() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);

        Cli.Result check = cli.run("replay-check", exported[0]);

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("LINE", exported[0] + ":1", exported[1], "ReleaseApproval", "replays",
                "1 run checked: 1 replays on the current code, 0 break.");
    }

    @Test
    void replayCheckOfAHistoryTheCodeNoLongerFollowsExitsOneNamingRunSeqAndBothCalls() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);
        Path file = Path.of(exported[0]);
        // History written by an older code whose first step had another name.
        Files.writeString(file, Files.readString(file).replace("\"build-release-notes\"", "\"write-notes\""));

        Cli.Result check = cli.run("replay-check", exported[0]);
        Cli.Result json = cli.run("replay-check", exported[0], "--json");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("BREAKS at seq 1", "run " + exported[1],
                "history recorded step 'write-notes', the code now does step 'build-release-notes'", "flow.patched",
                "1 run checked: 0 replay on the current code, 1 breaks.");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("compatible").asBoolean()).isFalse();
        assertThat(report.get("runs").get(0).get("outcome").asText()).isEqualTo("NON_DETERMINISTIC");
        assertThat(report.get("runs").get(0).get("seq").asInt()).isEqualTo(1);
        assertThat(report.get("runs").get(0).get("recorded").asText()).isEqualTo("step 'write-notes'");
    }

    @Test
    void replayCheckOfARunOfAnUnknownWorkflowExitsOneNamingTheLine() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);
        Path file = Path.of(exported[0]);
        Files.writeString(file, Files.readString(file).replace("\"workflow\":\"ReleaseApproval\"", "\"workflow\":\"OldRelease\""));

        Cli.Result check = cli.run("replay-check", exported[0]);

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("UNKNOWN WORKFLOW", exported[0] + ":1", "workflow 'OldRelease'");
    }

    @Test
    void replayCheckOfATruncatedFileExitsTwoNamingTheLine() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);
        String line = Files.readString(Path.of(exported[0])).strip();
        Path file = dir.resolve("cut.jsonl");
        Files.writeString(file, line + "\n" + line.substring(0, line.length() - 40));

        Cli.Result check = cli.run("replay-check", file.toString());

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
        assertThat(check.err()).contains(file + ":2", "cut short");
    }

    @Test
    void replayCheckOfANewerFormatExitsTwoNamingTheLine() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);
        Path file = Path.of(exported[0]);
        Files.writeString(file, Files.readString(file).replace("{\"format\":1,", "{\"format\":7,"));

        Cli.Result check = cli.run("replay-check", exported[0]);

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
        assertThat(check.err()).contains(exported[0] + ":1", "history format 7", "reads format 1");
    }

    @Test
    void exportOfAStoreThatDoesNotExistFails() {
        Cli.Result export = new Cli(dir.resolve("none.db")).run("export");

        assertThat(export.exitCode()).isEqualTo(3);
        assertThat(export.err()).contains("no Baton store at");
        assertThat(dir.resolve("none.db")).doesNotExist();
    }

    @Test
    void showNamesTheCodeVersionTheRunStartedUnder() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        String[] exported = exportAWaitingRelease(cli);
        String version = new ObjectMapper().readTree(Files.readAllLines(Path.of(exported[0])).get(0))
                .get("run").get("codeVersion").asText();

        Cli.Result show = cli.run("show", exported[1]);

        assertThat(show.out()).contains("Version   " + version);
    }
}
