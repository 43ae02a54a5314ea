package dev.baton.engine.manifest;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.CatchUp;
import dev.baton.LockPolicy;
import dev.baton.LockSpec;
import dev.baton.Overlap;
import dev.baton.Schedule;
import dev.baton.Trigger;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {

    static WorkflowDefinition<String, String> wf(String name) {
        return WorkflowDefinition.of(name, String.class, (flow, in) -> in);
    }

    /** Extract, Load (heavy, concurrency 2, two schedules) and Report (after Load), registered in the given order. */
    static BatonBuilder app(boolean reversed) {
        BatonBuilder b = Baton.builder();
        Runnable locks = () -> b.lock(LockSpec.lock("heavy").whenTaken(LockPolicy.WAIT).maxWait(Duration.ofHours(1)))
                .pool("db", 3);
        Runnable load = () -> b.workflow(wf("Load").withLocks("heavy", "db").withConcurrency(2),
                Schedule.cron("0 2 * * *", "Europe/Berlin").overlap(Overlap.BUFFER_ONE),
                Schedule.every(Duration.ofMinutes(15)).startingAt(Instant.parse("2027-01-01T00:05:00Z"))
                        .catchUp(CatchUp.all(Duration.ofHours(2))).id("quarter"));
        Runnable report = () -> b.workflow(wf("Report").withDescription("publishes"), Trigger.after("Load"));
        Runnable extract = () -> b.workflow(wf("Extract"));
        if (reversed) {
            report.run();
            extract.run();
            load.run();
            locks.run();
        } else {
            locks.run();
            extract.run();
            load.run();
            report.run();
        }
        return b;
    }

    @Test
    void theSameDeclarationsGiveTheSameJsonAndHashWhateverTheOrder() {
        Manifest a = Manifests.of(app(false).config(), "v1");
        Manifest b = Manifests.of(app(true).config(), "v1");
        assertThat(ManifestJson.write(a)).isEqualTo(ManifestJson.write(b));
        assertThat(a.hash()).isEqualTo(b.hash()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(a.workflows()).extracting(Manifest.WorkflowItem::name).containsExactly("Extract", "Load", "Report");
    }

    @Test
    void theHashCoversTheDeclarationsButNotTheCodeVersion() {
        Manifest a = Manifests.of(app(false).config(), "v1");
        assertThat(a.withCodeVersion("v2").hash()).isEqualTo(a.hash());
        BatonBuilder changed = app(false);
        changed.workflow(wf("Extra"));
        assertThat(Manifests.of(changed.config(), "v1").hash()).isNotEqualTo(a.hash());
    }

    @Test
    void recordsEverythingDeclaredAndReadsItBack() {
        Manifest manifest = Manifests.of(app(false).config(), "abc123");
        String json = ManifestJson.write(manifest);
        assertThat(json).contains("\"format\" : 1", "\"codeVersion\" : \"abc123\"", "\"hash\" : \"sha256:",
                "\"cron\" : \"0 2 * * *\"", "\"zone\" : \"Europe/Berlin\"", "\"overlap\" : \"BUFFER_ONE\"",
                "\"catchUp\" : \"all(PT2H)\"", "\"maxWait\" : \"PT1H\"", "\"slots\" : 3", "\"concurrency\" : 2",
                "\"after\" : [ \"Load\" ]", "\"when\" : \"SUCCESS\"", "\"inputType\" : \"java.lang.String\"");
        // Keys are sorted at every level.
        assertThat(json.indexOf("\"codeVersion\"")).isLessThan(json.indexOf("\"format\""));
        Manifest read = ManifestJson.read(json);
        assertThat(read).isEqualTo(manifest);
        Manifest.ScheduleItem quarter = read.workflow("Load").orElseThrow().schedules().stream()
                .filter(s -> s.id().equals("quarter")).findFirst().orElseThrow();
        assertThat(quarter.toSchedule()).isEqualTo(Schedule.every(Duration.ofMinutes(15))
                .startingAt(Instant.parse("2027-01-01T00:05:00Z")).catchUp(CatchUp.all(Duration.ofHours(2))).id("quarter"));
    }

    @Test
    void aManifestOfANewerFormatOrNotAManifestIsRefusedClearly() {
        String newer = ManifestJson.write(Manifests.of(app(false).config(), null)).replace("\"format\" : 1", "\"format\" : 2");
        assertThatThrownBy(() -> ManifestJson.read(newer)).isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("written by a newer Baton").hasMessageContaining("format is 2");
        assertThatThrownBy(() -> ManifestJson.read("{\"workflows\": []}")).isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("no integer field 'format'");
        assertThatThrownBy(() -> ManifestJson.read("{ not json")).isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void invalidDeclarationsAreRefusedAsTheEngineWouldRefuseThem() {
        BatonBuilder undeclaredLock = Baton.builder().workflow(wf("A").withLocks("nope"));
        assertThatThrownBy(() -> Manifests.of(undeclaredLock.config(), null)).hasMessageContaining("lock 'nope' is not declared");
        BatonBuilder unknownUpstream = Baton.builder().workflow(wf("A"), Trigger.after("Ghost"));
        assertThatThrownBy(() -> Manifests.of(unknownUpstream.config(), null)).hasMessageContaining("'Ghost' is not registered");
        BatonBuilder cycle = Baton.builder().workflow(wf("A"), Trigger.after("B")).workflow(wf("B"), Trigger.after("A"));
        assertThatThrownBy(() -> Manifests.of(cycle.config(), null)).hasMessageContaining("A -> B -> A");
    }
}
