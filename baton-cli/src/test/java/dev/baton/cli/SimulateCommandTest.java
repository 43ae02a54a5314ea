package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton simulate}, in process: the story's long night, and bad input. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    private String storyDurations() throws Exception {
        return storyDurations(dir).toString();
    }

    /** @param dir a folder @return the story's durations file (shipped in the examples jar), copied into it */
    static Path storyDurations(Path dir) throws Exception {
        Path file = dir.resolve("story-durations.json");
        try (var in = SimulateCommandTest.class.getResourceAsStream("/dev/baton/examples/story/durations.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void showsTheLongNightOfTheStory() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Cli.Result result = cli.run("simulate", "--days", "3", "--from", "2027-06-30", "--durations", storyDurations());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(
                "Schedule simulation: 2027-06-30 00:00 to 2027-07-03 00:00 Europe/Berlin, durations at p50",
                "Fires skipped by an overlap policy (2)",
                "2027-07-01 04:00  HourlyRefresh  fire 2027-07-01 04:00 of schedule '0 * * * * Europe/Berlin' skipped: "
                        + "previous run HourlyRefresh@2027-07-01 03:00 still running; overlap SKIP",
                "Long waits (over 30m) (1)",
                "HourlyRefresh@2027-07-01 03:00 waited 2h10m for lock 'heavy' held by NightlyLoad@2027-07-01 02:00; started 2027-07-01 05:10",
                "Deadlines missed (1)",
                "PublishReport@2027-07-01 02:00 ended 2027-07-01 05:25, 25m after its deadline 2027-07-01 05:00");
        assertThat(dir.resolve("baton.db")).as("simulate touches no store").doesNotExist();

        JsonNode json = new ObjectMapper().readTree(cli.run("simulate", "--days", "3", "--from", "2027-06-30",
                "--durations", storyDurations(), "--format", "json").out());
        assertThat(json.get("zone").asText()).isEqualTo("Europe/Berlin");
        JsonNode skipped = json.get("findings");
        assertThat(skipped.findValuesAsText("kind")).contains("FIRE_SKIPPED", "LONG_WAIT", "DEADLINE_MISSED");
        assertThat(json.get("runs").get(0).get("createdAt").asText()).isEqualTo("2027-06-29T22:00:00Z");

        Cli.Result runs = cli.run("simulate", "--days", "1", "--from", "2027-07-01", "--durations", storyDurations(), "--runs");
        assertThat(runs.out()).contains("PublishReport@2027-07-01 02:00  trigger after NightlyLoad  2027-07-01 05:10  "
                + "2027-07-01 05:20  2027-07-01 05:25  COMPLETED  10m");
    }

    @Test
    void badInputFailsWithExitCodeOne() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Path malformed = dir.resolve("durations.json");
        Files.writeString(malformed, "{ \"workflows\": { \"NightlyLoad\": { \"p50\": \"1h\", } } }");
        Cli.Result bad = cli.run("simulate", "--durations", malformed.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("durations file " + malformed, "malformed JSON at line 1");
        assertThat(cli.run("simulate", "--durations", dir.resolve("none.json").toString()).exitCode()).isEqualTo(1);
        assertThat(cli.run("simulate", "--days", "0").exitCode()).isEqualTo(1);
        assertThat(cli.run("simulate", "--from", "tomorrow").exitCode()).isEqualTo(1);
        assertThat(cli.run("simulate", "--percentile", "p99").exitCode()).isEqualTo(1);
        assertThat(cli.run("simulate", "--days", "many").exitCode()).isEqualTo(1);
    }
}
