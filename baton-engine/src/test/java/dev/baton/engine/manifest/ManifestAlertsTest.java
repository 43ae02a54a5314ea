package dev.baton.engine.manifest;

import dev.baton.Baton;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A workflow's owner, runbook, deadline and alert rules in the manifest, its diff and older manifests. */
class ManifestAlertsTest {

    private static WorkflowDefinition<String, String> load() {
        return ManifestTest.wf("Load").withOwner("team-data").withRunbook("https://wiki.example.com/load")
                .withDeadline(Duration.ofHours(5))
                .withAlertRules(AlertRule.RUN_FAILED, AlertRule.DEADLINE_MISSED);
    }

    @Test
    void ownerRunbookDeadlineAndRulesAreWrittenAndReadBack() {
        Manifest manifest = Manifests.of(Baton.builder().workflow(load()).workflow(ManifestTest.wf("Plain")).config(), "v1");
        String json = ManifestJson.write(manifest);
        assertThat(json).contains("\"owner\" : \"team-data\"", "\"runbook\" : \"https://wiki.example.com/load\"",
                "\"deadline\" : \"PT5H\"", "\"alertRules\" : [ \"DEADLINE_MISSED\", \"RUN_FAILED\" ]");
        Manifest read = ManifestJson.read(json);
        assertThat(read).isEqualTo(manifest);
        Manifest.WorkflowItem plain = read.workflow("Plain").orElseThrow();
        assertThat(plain.owner()).isNull();
        assertThat(plain.deadline()).isNull();
        assertThat(plain.alertRules()).as("absent: the application's default rules").isNull();
    }

    @Test
    void aWorkflowThatAlertsNothingKeepsItsEmptyRules() {
        Manifest manifest = Manifests.of(Baton.builder().workflow(ManifestTest.wf("Quiet").withAlertRules()).config(), null);
        assertThat(manifest.workflow("Quiet").orElseThrow().alertRules()).isEmpty();
        assertThat(ManifestJson.read(ManifestJson.write(manifest)).workflow("Quiet").orElseThrow().alertRules()).isEmpty();
    }

    @Test
    void aManifestWrittenBeforeTheseFieldsLoadsAndKeepsItsHash() {
        String older = """
                {"format": 1, "codeVersion": "v0", "locks": [],
                 "workflows": [{"name": "Plain", "className": "x.Plain", "inputType": "java.lang.String",
                                "description": "", "locks": [], "concurrency": 0, "concurrencyPerKey": false,
                                "schedules": [], "triggers": []}]}""";
        Manifest read = ManifestJson.read(older);
        assertThat(read.workflow("Plain").orElseThrow().owner()).isNull();
        Manifest same = new Manifest(1, "v0", java.util.List.of(new Manifest.WorkflowItem("Plain", "x.Plain",
                "java.lang.String", "", java.util.List.of(), 0, false, java.util.List.of(), java.util.List.of())),
                java.util.List.of());
        assertThat(read.hash()).isEqualTo(same.hash());
        assertThat(ManifestJson.write(read)).doesNotContain("owner", "deadline", "alertRules", "runbook");
    }

    @Test
    void planShowsChangesToOwnerDeadlineAndRulesBeforeAndAfter() {
        Manifest before = Manifests.of(Baton.builder().workflow(ManifestTest.wf("Load")).config(), null);
        Manifest after = Manifests.of(Baton.builder().workflow(load()).config(), null);
        var changes = ManifestDiff.between(before, after);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).action()).isEqualTo(Change.Action.CHANGED);
        assertThat(changes.get(0).fields()).extracting(Change.FieldChange::field, Change.FieldChange::before,
                Change.FieldChange::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alertRules", null, "DEADLINE_MISSED, RUN_FAILED"),
                org.assertj.core.groups.Tuple.tuple("deadline", null, "PT5H"),
                org.assertj.core.groups.Tuple.tuple("owner", null, "team-data"),
                org.assertj.core.groups.Tuple.tuple("runbook", null, "https://wiki.example.com/load"));

        Manifest later = Manifests.of(Baton.builder().workflow(load().withDeadline(Duration.ofHours(6)).withAlertRules())
                .config(), null);
        assertThat(ManifestDiff.between(after, later).get(0).fields())
                .extracting(Change.FieldChange::field, Change.FieldChange::before, Change.FieldChange::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alertRules", "DEADLINE_MISSED, RUN_FAILED", "none"),
                        org.assertj.core.groups.Tuple.tuple("deadline", "PT5H", "PT6H"));
    }
}
