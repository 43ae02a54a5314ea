package dev.baton.engine.manifest;

import dev.baton.BatonBuilder;
import dev.baton.Overlap;
import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ManifestDiffTest {

    @Test
    void withNothingDeployedEveryItemIsAdded() {
        Manifest manifest = Manifests.of(ManifestTest.app(false).config(), null);
        assertThat(ManifestDiff.between(null, manifest)).extracting(Change::action, Change::kind, Change::name)
                .containsExactly(
                        tuple(Change.Action.ADDED, "lock", "db"),
                        tuple(Change.Action.ADDED, "lock", "heavy"),
                        tuple(Change.Action.ADDED, "workflow", "Extract"),
                        tuple(Change.Action.ADDED, "workflow", "Load"),
                        tuple(Change.Action.ADDED, "workflow", "Report"),
                        tuple(Change.Action.ADDED, "schedule", "Load / 0 2 * * * Europe/Berlin"),
                        tuple(Change.Action.ADDED, "schedule", "Load / quarter"),
                        tuple(Change.Action.ADDED, "trigger", "Report after Load on SUCCESS"));
    }

    @Test
    void theSameManifestHasNoChanges() {
        Manifest manifest = Manifests.of(ManifestTest.app(false).config(), "v1");
        assertThat(ManifestDiff.between(manifest, Manifests.of(ManifestTest.app(true).config(), "v2"))).isEmpty();
    }

    @Test
    void changedFieldsAreListedWithBeforeAndAfterAndRemovalsComeFirst() {
        Manifest before = Manifests.of(ManifestTest.app(false).config(), null);
        BatonBuilder b = dev.baton.Baton.builder().pool("db", 5)
                .workflow(ManifestTest.wf("Load").withLocks("db"),
                        Schedule.cron("0 2 * * *", "Europe/Berlin").overlap(Overlap.SKIP),
                        Schedule.every(Duration.ofMinutes(30)).id("quarter"))
                .workflow(ManifestTest.wf("Cleanup"));
        Manifest after = Manifests.of(b.config(), null);

        var changes = ManifestDiff.between(before, after);
        assertThat(changes).extracting(Change::action, Change::kind, Change::name).containsExactly(
                tuple(Change.Action.REMOVED, "lock", "heavy"),
                tuple(Change.Action.REMOVED, "workflow", "Extract"),
                tuple(Change.Action.REMOVED, "workflow", "Report"),
                tuple(Change.Action.REMOVED, "trigger", "Report after Load on SUCCESS"),
                tuple(Change.Action.CHANGED, "lock", "db"),
                tuple(Change.Action.CHANGED, "workflow", "Load"),
                tuple(Change.Action.CHANGED, "schedule", "Load / 0 2 * * * Europe/Berlin"),
                tuple(Change.Action.CHANGED, "schedule", "Load / quarter"),
                tuple(Change.Action.ADDED, "workflow", "Cleanup"));
        Change nightly = changes.get(6);
        assertThat(nightly.fields()).containsExactly(new Change.FieldChange("overlap", "BUFFER_ONE", "SKIP"));
        Change load = changes.get(5);
        assertThat(load.fields()).containsExactly(new Change.FieldChange("concurrency", "2", null),
                new Change.FieldChange("locks", "db, heavy", "db"));
        assertThat(changes.get(4).fields()).containsExactly(new Change.FieldChange("slots", "3", "5"));
        assertThat(changes.get(7).fields()).extracting(Change.FieldChange::field)
                .containsExactly("catchUp", "every", "startingAt");
    }
}
