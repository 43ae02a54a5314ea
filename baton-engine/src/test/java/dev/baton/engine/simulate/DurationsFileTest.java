package dev.baton.engine.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsFixedAndPercentileDurationsDeadlinesAndOverrides() throws Exception {
        Path file = dir.resolve("durations.json");
        Files.writeString(file, """
                {
                  "zone": "Europe/Berlin",
                  "default": "2m",
                  "workflows": {
                    "Load": { "p50": "1h", "p90": "PT1H15M", "max": "1h30m", "deadline": "4h" },
                    "Report": { "fixed": "5m" },
                    "Refresh": "90s"
                  },
                  "overrides": [ { "workflow": "Load", "date": "2027-07-01", "factor": 3, "why": "month end" },
                                 { "workflow": "Load", "date": "2027-07-02", "takes": "2d" } ]
                }
                """);
        Durations d = DurationsFile.read(file);
        assertThat(d.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(d.defaultDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.workflows().get("Load")).isEqualTo(new Durations.Expected(Duration.ofHours(1),
                Duration.ofMinutes(75), Duration.ofMinutes(90)));
        assertThat(d.workflows().get("Refresh").max()).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.deadline("Load")).contains(Duration.ofHours(4));
        // 2027-07-01 00:30 in Berlin is 2027-06-30 22:30 UTC: the date is counted in the file's zone.
        Instant berlinJuly1 = Instant.parse("2027-06-30T22:30:00Z");
        assertThat(d.of("Load", berlinJuly1, Percentile.P50)).isEqualTo(Duration.ofHours(3));
        assertThat(d.override("Load", berlinJuly1).orElseThrow().why()).isEqualTo("month end");
        assertThat(d.of("Load", Instant.parse("2027-07-02T08:00:00Z"), Percentile.P50)).isEqualTo(Duration.ofDays(2));
        assertThat(d.overrides()).extracting(Durations.DateOverride::date)
                .containsExactly(LocalDate.of(2027, 7, 1), LocalDate.of(2027, 7, 2));
    }

    @Test
    void malformedFilesAreRefusedNamingTheFieldAndTheFile() throws Exception {
        assertThatThrownBy(() -> DurationsFile.parse("{ \"workflows\": ")).isInstanceOf(DurationsFormatException.class)
                .hasMessageContaining("malformed JSON at line 1");
        assertThatThrownBy(() -> DurationsFile.parse("{\"workflows\": {\"A\": \"soon\"}}"))
                .hasMessageContaining("workflows.A").hasMessageContaining("expected a duration > 0");
        assertThatThrownBy(() -> DurationsFile.parse("{\"workflows\": {\"A\": {\"p50\": \"1h\", \"p90\": \"30m\"}}}"))
                .hasMessageContaining("p50 <= p90 <= max");
        assertThatThrownBy(() -> DurationsFile.parse("{\"workflow\": {}}")).hasMessageContaining("unknown field workflow");
        assertThatThrownBy(() -> DurationsFile.parse("{\"overrides\": [{\"workflow\": \"A\", \"date\": \"July 1\", \"factor\": 3}]}"))
                .hasMessageContaining("overrides[0].date must be a date");
        assertThatThrownBy(() -> DurationsFile.parse("{\"overrides\": [{\"workflow\": \"A\", \"date\": \"2027-07-01\"}]}"))
                .hasMessageContaining("exactly one of factor");
        assertThatThrownBy(() -> DurationsFile.parse("{\"zone\": \"Mars/Olympus\"}")).hasMessageContaining("zone must be");
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> DurationsFile.read(missing)).isInstanceOf(DurationsFormatException.class)
                .hasMessageContaining("cannot read the durations file " + missing);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[]");
        assertThatThrownBy(() -> DurationsFile.read(bad)).hasMessageContaining("durations file " + bad);
    }
}
