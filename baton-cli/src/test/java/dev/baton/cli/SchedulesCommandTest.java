package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SchedulesCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsTheStorySchedulesPausesResumesAndBackfillsOne() throws Exception {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Cli.Result list = cli.run("schedules", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonNode schedules = new ObjectMapper().readTree(list.out());
        String id = null;
        for (JsonNode s : schedules) {
            if (s.get("workflow").asText().equals("HourlyRefresh")) {
                id = s.get("id").asText();
            }
        }
        assertThat(id).as("the story's hourly schedule is registered").isNotNull();

        assertThat(cli.run("pause", "HourlyRefresh", id).out()).contains("Paused");
        assertThat(cli.run("schedules").out()).contains("paused");
        assertThat(cli.run("resume", "HourlyRefresh", id).out()).contains("Resumed");

        Cli.Result backfill = cli.run("backfill", "HourlyRefresh", id, "--from", "2026-01-01T00:00:00Z",
                "--to", "2026-01-01T03:00:00Z", "--parallelism", "2");
        assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
        assertThat(backfill.out()).contains("3 runs");
        Cli.Result again = cli.run("backfill", "HourlyRefresh", id, "--from", "2026-01-01T00:00:00Z",
                "--to", "2026-01-01T03:00:00Z");
        assertThat(again.exitCode()).isZero();

        Cli.Result bad = cli.run("backfill", "HourlyRefresh", id, "--from", "yesterday", "--to", "2026-01-01T03:00:00Z");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("ISO-8601");
        Cli.Result unknown = cli.run("pause", "HourlyRefresh", "no-such-schedule");
        assertThat(unknown.exitCode()).isEqualTo(2);
    }
}
