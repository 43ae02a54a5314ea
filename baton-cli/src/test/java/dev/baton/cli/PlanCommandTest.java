package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton manifest}, {@code plan}, {@code deploy} and {@code deployments}, in process, on real store files. */
@Timeout(120)
class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A store the story runs on: created by the engine, its schedules registered. */
    private Cli storeWithTheStory() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Cli.Result created = cli.run("schedules");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        return cli;
    }

    private Path db() {
        return dir.resolve("baton.db");
    }

    /** @return the row count of every table of the store, read on a connection of its own */
    private Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db() + "?mode=ro");
             Statement st = c.createStatement()) {
            for (String table : new String[] {"runs", "steps", "events", "schedules", "schedule_fires", "deployments"}) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @Test
    void withNothingDeployedEverythingIsAddedAndThePlanWritesNothing() throws Exception {
        Cli cli = storeWithTheStory();
        byte[] before = Files.readAllBytes(db());
        Map<String, Long> rows = rowCounts();

        Cli.Result plan = cli.run("plan", "--code-version", "v1");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("Deployed: nothing yet (every item is added)", "+ workflow NightlyLoad",
                "+ schedule NightlyLoad / 0 2 * * * Europe/Berlin", "    overlap: SKIP",
                "+ trigger PublishReport after NightlyLoad on SUCCESS", "+ lock heavy", "Runs in flight: 0",
                "Changes: 14 to add, 0 to change, 0 to remove.");

        Cli.Result markdown = cli.run("plan", "--format", "markdown");
        assertThat(markdown.exitCode()).isEqualTo(2);
        assertThat(markdown.out()).contains("## Baton plan", "| deployed | (nothing deployed yet) | | |",
                "| + | schedule `NightlyLoad / 0 2 * * * Europe/Berlin` | catchUp |  | `latest()` |");

        assertThat(Arrays.equals(Files.readAllBytes(db()), before)).as("the store file's bytes are unchanged").isTrue();
        assertThat(rowCounts()).isEqualTo(rows);
    }

    @Test
    void deployRecordsTheManifestAndThePlanAfterItHasNoChanges() throws Exception {
        Cli cli = storeWithTheStory();
        Cli.Result deploy = cli.run("deploy", "--author", "alice", "--code-version", "abc123");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).contains("as deploy #1 by alice", "(code abc123)", "First deploy: 14 items.");

        Cli.Result plan = cli.run("plan", "--code-version", "def456");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("Deployed: sha256:", "(code abc123) by alice", "Planned:  sha256:", "(code def456)",
                "No changes: the declarations are the same as the deployed ones.", "None introduced or resolved by this change.");

        Cli.Result again = cli.run("deploy", "--author", "bob", "--code-version", "def456");
        assertThat(again.out()).contains("as deploy #2 by bob", "Declarations unchanged since deploy #1.");
        Cli.Result list = cli.run("deployments");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("ID", "AUTHOR", "alice", "bob", "abc123", "def456");
        assertThat(list.out().indexOf("bob")).isLessThan(list.out().indexOf("alice"));
        assertThat(list.out()).contains("CHANGES", "first", "none");
        JsonNode json = JSON.readTree(cli.run("deployments", "--json").out());
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("id").asLong()).isEqualTo(2);
        assertThat(json.get(1).get("codeVersion").asText()).isEqualTo("abc123");
        assertThat(json.get(1).get("hash").asText()).startsWith("sha256:");
        assertThat(json.get(0).get("changes").asText()).isEqualTo("none");
        assertThat(json.get(1).get("changes").asText()).isEqualTo("first");

        // A third deploy of a changed manifest says what it changed; --limit keeps the count right.
        ObjectNode manifest = (ObjectNode) JSON.readTree(cli.run("manifest").out());
        ((ArrayNode) manifest.get("locks")).removeAll();
        for (JsonNode workflow : manifest.get("workflows")) {
            ((ArrayNode) workflow.get("locks")).removeAll();
        }
        Path unlocked = dir.resolve("unlocked.json");
        Files.writeString(unlocked, JSON.writeValueAsString(manifest));
        assertThat(cli.run("deploy", "--manifest", unlocked.toString(), "--author", "carol").exitCode()).isZero();
        Cli.Result latest = cli.run("deployments", "--limit", "1");
        assertThat(latest.out()).contains("carol", "+0 ~3 -2").doesNotContain("bob");
    }

    @Test
    void aChangedScheduleAndARemovedWorkflowWithARunInFlightAreShownInEveryFormat() throws Exception {
        Cli cli = storeWithTheStory();
        assertThat(cli.run("deploy", "--author", "alice").exitCode()).isZero();
        String runId = cli.run("run", "ReleaseApproval", "--input", "{\"version\":\"3.0.0\"}").runId();

        // The next version: HourlyRefresh buffers one fire instead of skipping, ReleaseApproval is gone.
        ObjectNode manifest = (ObjectNode) JSON.readTree(cli.run("manifest").out());
        for (JsonNode workflow : manifest.get("workflows")) {
            if (workflow.get("name").asText().equals("HourlyRefresh")) {
                ((ObjectNode) workflow.get("schedules").get(0)).put("overlap", "BUFFER_ONE");
            }
        }
        ArrayNode workflows = (ArrayNode) manifest.get("workflows");
        for (int i = 0; i < workflows.size(); i++) {
            if (workflows.get(i).get("name").asText().equals("ReleaseApproval")) {
                workflows.remove(i);
            }
        }
        Path next = dir.resolve("next.json");
        Files.writeString(next, JSON.writeValueAsString(manifest));
        byte[] before = Files.readAllBytes(db());

        Cli.Result plan = cli.run("plan", "--manifest", next.toString());
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("- workflow ReleaseApproval", "~ schedule HourlyRefresh / 0 * * * * Europe/Berlin",
                "    overlap: SKIP -> BUFFER_ONE", "Runs in flight: 1",
                "replayed 1 runs in flight on the planned code",
                "! " + runId + " (ReleaseApproval): workflow ReleaseApproval is removed",
                "Changes: 0 to add, 1 to change, 1 to remove. 1 run(s) in flight would break.");

        Cli.Result markdown = cli.run("plan", "--manifest", next.toString(), "--format", "markdown");
        assertThat(markdown.out()).contains("| ~ | schedule `HourlyRefresh / 0 * * * * Europe/Berlin` | overlap | `SKIP` | `BUFFER_ONE` |",
                "- :warning: `" + runId + "` (ReleaseApproval)");

        Cli.Result json = cli.run("plan", "--manifest", next.toString(), "--format", "json");
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode tree = JSON.readTree(json.out());
        assertThat(tree.get("hasChanges").asBoolean()).isTrue();
        assertThat(tree.get("deployed").get("author").asText()).isEqualTo("alice");
        assertThat(tree.get("changes")).hasSize(2);
        assertThat(tree.get("changes").get(1).get("fields").get(0).get("before").asText()).isEqualTo("SKIP");
        assertThat(tree.get("inFlight").get("broken").get(0).get("runId").asText()).isEqualTo(runId);
        // The replay check ran (baton-replay is on the class path): the run replays on the code, but
        // its workflow leaves the manifest.
        assertThat(tree.get("inFlight").get("checked").asBoolean()).isTrue();

        // On the long night, buffering one fire runs the 05:00 refresh late instead of skipping it.
        Cli.Result simulated = cli.run("plan", "--manifest", next.toString(), "--durations",
                SimulateCommandTest.storyDurations(dir).toString(), "--from", "2027-06-30", "--days", "2");
        assertThat(simulated.out()).contains("resolved  2027-07-01 05:00  fire skipped  HourlyRefresh: fire 2027-07-01 05:00")
                .doesNotContain("introduced  ");

        assertThat(Arrays.equals(Files.readAllBytes(db()), before)).as("plan wrote nothing").isTrue();
    }

    @Test
    void theStorysLongNightIsAConflictTheChangeIntroduces() throws Exception {
        Cli cli = storeWithTheStory();
        Path durations = SimulateCommandTest.storyDurations(dir);
        Cli.Result plan = cli.run("plan", "--durations", durations.toString(), "--from", "2027-06-30", "--days", "2");
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.out()).contains("Schedule conflicts in the 2 days from 2027-06-30 00:00 Europe/Berlin",
                "introduced  2027-07-01 04:00  fire skipped  HourlyRefresh",
                "introduced  2027-07-01 03:00  long wait  HourlyRefresh: HourlyRefresh@2027-07-01 03:00 waited 2h10m",
                "introduced  2027-07-01 05:00  deadline missed  PublishReport", "4 schedule conflict(s) introduced.");
        // Once deployed, the same declarations introduce nothing.
        cli.run("deploy", "--author", "alice");
        Cli.Result after = cli.run("plan", "--durations", durations.toString(), "--from", "2027-06-30", "--days", "2");
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("None introduced or resolved by this change.");
    }

    @Test
    void badTargetsAndManifestsFailWithExitCodeOneAndWriteNothing() throws Exception {
        Cli cli = storeWithTheStory();
        Path missing = dir.resolve("missing.db");
        Cli.Result noFile = cli.run("plan", "--target", "sqlite:" + missing);
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err()).contains("does not exist");
        assertThat(missing).doesNotExist();
        assertThat(cli.run("deploy", "--target", missing.toString()).exitCode()).isEqualTo(1);
        assertThat(missing).doesNotExist();

        Path text = dir.resolve("notes.db");
        Files.writeString(text, "these are notes, not a database; ".repeat(50));
        Cli.Result notAStore = cli.run("plan", "--target", text.toString());
        assertThat(notAStore.exitCode()).as(notAStore.toString()).isEqualTo(1);

        // deployments reads a store; plan and deploy take a server (PlanServerTargetTest, DeployServerTargetTest).
        Cli.Result server = cli.run("deployments", "--target", "https://baton.example.com");
        assertThat(server.exitCode()).isEqualTo(1);
        assertThat(server.err()).contains("is a server, and `deployments` works on a store");

        Path newerManifest = dir.resolve("newer.json");
        Files.writeString(newerManifest, cli.run("manifest").out().replace("\"format\" : 1", "\"format\" : 99"));
        Cli.Result newer = cli.run("plan", "--manifest", newerManifest.toString());
        assertThat(newer.exitCode()).isEqualTo(1);
        assertThat(newer.err()).contains("written by a newer Baton", "format is 99");

        Path badDurations = dir.resolve("durations.json");
        Files.writeString(badDurations, "{\"workflows\": {\"NightlyLoad\": \"an hour\"}}");
        Cli.Result durations = cli.run("plan", "--durations", badDurations.toString());
        assertThat(durations.exitCode()).isEqualTo(1);
        assertThat(durations.err()).contains("durations file " + badDurations, "workflows.NightlyLoad");

        assertThat(cli.run("plan", "--format", "yaml").exitCode()).isEqualTo(1);
        assertThat(cli.run("plan", "--no-such-option").exitCode()).isEqualTo(1);

        // A store written by a newer Baton (schema) is refused; so is a deployed manifest of a newer format.
        byte[] before = Files.readAllBytes(db());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            st.execute("INSERT INTO deployments (manifest_hash, format, code_version, author, deployed_at, manifest) "
                    + "VALUES ('sha256:ff', 99, NULL, 'future', 1, '{\"format\": 99}')");
        }
        Cli.Result newerDeployed = cli.run("plan");
        assertThat(newerDeployed.exitCode()).isEqualTo(1);
        assertThat(newerDeployed.err()).contains("its deployed manifest cannot be read", "written by a newer Baton");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            st.execute("DELETE FROM deployments");
            st.execute("INSERT INTO baton_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__x.sql', 0, 'b', 1, 1)");
        }
        byte[] newerSchema = Files.readAllBytes(db());
        Cli.Result schema = cli.run("plan");
        assertThat(schema.exitCode()).isEqualTo(1);
        assertThat(schema.err()).contains("written by a newer Baton");
        assertThat(cli.run("deploy").exitCode()).isEqualTo(1);
        assertThat(Arrays.equals(Files.readAllBytes(db()), newerSchema)).isTrue();
        assertThat(before).isNotEmpty();
    }
}
