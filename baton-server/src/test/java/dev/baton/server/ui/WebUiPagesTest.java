package dev.baton.server.ui;

import dev.baton.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each page, rendered by the real server for real runs, says what it should. */
class WebUiPagesTest {
    @TempDir
    static Path dir;
    static UiSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = new UiSystem(dir).withRuns();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void catalogShowsWhatRunsAndWhy() throws Exception {
        String scheduled = system.scheduled();
        system.awaitStatus(scheduled, RunStatus::isTerminal);
        HttpResponse<String> page = system.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = page.body();
        assertThat(html).contains("id=\"wf-LoadSales\"", "Loads the day&#39;s sales into the warehouse.", "team-data",
                "href=\"https://wiki.example.com/runbooks/load-sales\"");
        // schedule with its next fire, triggers both ways, locks with who shares them
        assertThat(html).contains("id=\"wf-Heartbeat\"", "every PT3S", "Next fire", "after LoadSales succeeds", "PublishReport (on success)",
                "lock warehouse — shared with Explode: never runs beside them", "pool exports (3 slots)");
        // last runs with outcome
        assertThat(html).contains("href=\"/ui/runs/" + system.completed + "\"", "href=\"/ui/runs/" + system.failed + "\"",
                "st st-failed", "IllegalStateException: disk full on /data &lt;i&gt;really&lt;/i&gt;",
                "waiting for signal &#39;approve&#39;");
        // the graph: a node per workflow, the trigger edge and the shared lock
        assertThat(html).contains("<svg class=\"graph\"", "class=\"edge trigger\"", "on success", "class=\"edge lock c0\"",
                "lock warehouse</text>", "pool exports ×3");
        assertThat(html).contains("action=\"/ui/workflows/LoadSales/start\"", "action=\"/ui/schedules/Heartbeat/beat/pause\"");
    }

    @Test
    void catalogListsTheLastDeploysWithWhatTheyChanged() throws Exception {
        try (dev.baton.store.sqlite.SqliteStore store = dev.baton.store.sqlite.SqliteStore.open(
                dev.baton.StoreConfig.sqlite(system.db))) {
            long at = 1_800_000_000_000L;
            for (String version : java.util.List.of("rev-a", "rev-b")) {
                dev.baton.BatonBuilder declared = UiSystem.builder(system.db);
                if (version.equals("rev-b")) {
                    declared.lock("night-shift");
                }
                dev.baton.engine.manifest.Manifest manifest = dev.baton.engine.manifest.Manifests.of(declared.config(), version);
                store.apply(java.util.List.of(new dev.baton.engine.store.Write.RecordDeployment(
                        new dev.baton.engine.store.DeploymentRow(0, manifest.hash(), manifest.format(), version, "dana <ops>",
                                at, dev.baton.engine.manifest.ManifestJson.write(manifest)))));
                at += 60_000;
            }
        }
        String html = system.get("/").body();
        assertThat(html).contains("id=\"deployments\"", "rev-b", "rev-a", "dana &lt;ops&gt;", "+ lock night-shift",
                "first deploy");
    }

    @Test
    void runListFiltersByWorkflowStatusAndTimeAndPages() throws Exception {
        String all = system.get("/ui/runs").body();
        assertThat(all).contains(system.completed, system.failed, system.waiting, system.cancelled);

        String failedOnly = system.get("/ui/runs?status=FAILED").body();
        assertThat(failedOnly).contains(system.failed).doesNotContain(system.completed).doesNotContain(system.waiting);

        String approvals = system.get("/ui/runs?workflow=Approval&status=WAITING").body();
        assertThat(approvals).contains(system.waiting, system.waitingToCancel).doesNotContain(system.cancelled)
                .doesNotContain(system.failed);

        String future = system.get("/ui/runs?from=2999-01-01T00:00").body();
        assertThat(future).contains("No runs match.");
        String badTime = system.get("/ui/runs?from=yesterday").body();
        assertThat(badTime).contains("&#39;from&#39; must be a time like 2026-01-31T02:00 (UTC), was &#39;yesterday&#39;");

        String first = system.get("/ui/runs?workflow=Approval&size=2").body();
        assertThat(first).contains("runs 1–2", "older →", "offset=2").doesNotContain("← newer");
        String second = system.get("/ui/runs?workflow=Approval&size=2&offset=2").body();
        assertThat(second).contains("runs 3–3", "← newer").doesNotContain("older →");
    }

    @Test
    void failedRunShowsTheErrorTheStackTraceTheAttemptsAndTheLogs() throws Exception {
        String html = system.get("/ui/runs/" + system.failed).body();
        assertThat(html).contains("id=\"run-status\" class=\"st st-failed\">FAILED",
                "<span class=\"error-summary\">", "java.lang.IllegalStateException: disk full on /data &lt;i&gt;really&lt;/i&gt;",
                "in step #2 fetch after 2 attempt(s)", "stack trace");
        assertThat(html).contains("attempt 1", "retried at", "attempt 2");
        assertThat(html).contains("connecting to db-1", "fetch failed: disk full on /data &lt;i&gt;really&lt;/i&gt;",
                "log-stderr");
        assertThat(html).contains("<svg class=\"gantt\"", "class=\"bar failed\"", "class=\"bar completed\"");
        assertThat(html).doesNotContain("id=\"cancel-run\"");
        String logs = system.get("/ui/runs/" + system.failed + "/logs.txt").body();
        assertThat(logs).contains("stderr connecting to db-1", "stderr fetch failed: " + UiSystem.FAILURE);
    }

    @Test
    void waitingRunSaysWhatItWaitsForAndOffersTheActions() throws Exception {
        String html = system.get("/ui/runs/" + system.waiting).body();
        assertThat(html).contains("st st-waiting\">WAITING", "<strong>Waiting for</strong> signal &#39;approve&#39;",
                "id=\"cancel-run\"", "action=\"/ui/runs/" + system.waiting + "/signal\"", "name=\"name\" required value=\"approve\"",
                "Send &#39;approve&#39;", "(not yet)");
    }

    @Test
    void completedAndCancelledRunsShowTheirEnd() throws Exception {
        String completed = system.get("/ui/runs/" + system.completed).body();
        assertThat(completed).contains("st st-completed\">COMPLETED", "&quot;loaded 42&quot;", "#1 extract", "#2 load")
                .doesNotContain("id=\"cancel-run\"").doesNotContain("/signal\"");
        String cancelled = system.get("/ui/runs/" + system.cancelled).body();
        assertThat(cancelled).contains("st st-cancelled\">CANCELLED").doesNotContain("id=\"cancel-run\"");
        assertThat(system.get("/ui/runs/no-such-run").statusCode()).isEqualTo(404);
    }

    @Test
    void schedulesPageShowsNextAndRecentFiresWithLateness() throws Exception {
        String scheduled = system.scheduled();
        String html = system.get("/ui/schedules").body();
        assertThat(html).contains("Heartbeat · beat", "Next fire", "Late by", "STARTED", "href=\"/ui/runs/" + Html.path(scheduled) + "\"",
                "action=\"/ui/schedules/Heartbeat/beat/backfill\"");
        system.awaitFire(dev.baton.ScheduleFire.Outcome.SKIPPED);
        assertThat(system.get("/ui/schedules").body()).contains("SKIPPED", "fire-skipped");
        String run = system.get("/ui/runs/" + Html.path(scheduled)).body();
        assertThat(run).contains("Logical time");
    }

    @Test
    void markupInInputsAndLogsIsShownAsText() throws Exception {
        String html = system.get("/ui/runs/" + system.completed).body();
        assertThat(html).doesNotContain(UiSystem.HOSTILE).doesNotContain("<b>bold</b>")
                .doesNotContain("<script>window.__pwned");
        assertThat(html).contains("&quot;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;&quot;");
        assertThat(html).contains("row count: 42 &lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;");
        for (String path : new String[]{"/", "/ui/runs", "/ui/schedules", "/ui/runs/" + system.failed}) {
            assertThat(system.get(path).body()).as(path).doesNotContain("<script>window").doesNotContain("<i>really");
        }
    }

    @Test
    void actionsAnswerInWordsAndRefuseWhatTheRunsStateDoesNotAllow() throws Exception {
        HttpResponse<String> finished = system.post("/ui/runs/" + system.completed + "/cancel", "", true);
        assertThat(finished.statusCode()).isEqualTo(409);
        assertThat(finished.body()).contains("\"ok\":false", "has already ended (COMPLETED); there is nothing to cancel");

        HttpResponse<String> notFailed = system.post("/ui/runs/" + system.completed + "/retry", "", true);
        assertThat(notFailed.statusCode()).isEqualTo(409);
        assertThat(notFailed.body()).contains("is COMPLETED, not FAILED; only a failed run can be retried");
        assertThat(system.get("/ui/runs/" + system.failed).body()).contains("id=\"retry-run\"", "/retry\"");
        assertThat(system.get("/ui/runs/" + system.completed).body()).doesNotContain("id=\"retry-run\"");

        HttpResponse<String> badJson = system.post("/ui/runs/" + system.waiting + "/signal", "name=approve&payload=%7Bnope", true);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("is not valid JSON");

        HttpResponse<String> unknown = system.post("/ui/workflows/NoSuchFlow/start", "input=%7B%7D", true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("NoSuchFlow");

        HttpResponse<String> noScript = system.post("/ui/runs/" + system.cancelled + "/signal", "name=approve&payload=true", false);
        assertThat(noScript.statusCode()).isEqualTo(409);
        assertThat(noScript.body()).contains("<h1>Refused</h1>", "it takes no more signals");

        HttpResponse<String> started = system.post("/ui/workflows/Approval/start", "input=%222.0.0%22&runId=ui-start-1", true);
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).contains("\"ok\":true", "\"location\":\"/ui/runs/ui-start-1\"");
        system.awaitStatus("ui-start-1", RunStatus.WAITING::equals);

        HttpResponse<String> crossSite = system.http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(system.url("/ui/runs/ui-start-1/cancel"))).header("Origin", "https://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(system.baton.findRun("ui-start-1").orElseThrow().cancelRequested()).isFalse();

        HttpResponse<String> paused = system.post("/ui/schedules/Heartbeat/beat/pause", "", true);
        assertThat(paused.body()).contains("paused");
        assertThat(system.baton.schedules().stream().filter(s -> s.id().equals("beat")).findFirst().orElseThrow().paused()).isTrue();
        assertThat(system.get("/ui/schedules").body()).contains("st st-paused\">PAUSED", "/beat/resume");
        system.post("/ui/schedules/Heartbeat/beat/resume", "", true);
        assertThat(system.baton.schedules().stream().filter(s -> s.id().equals("beat")).findFirst().orElseThrow().paused()).isFalse();

        HttpResponse<String> badRange = system.post("/ui/schedules/Heartbeat/beat/backfill", "from=2026-01-02T00:00&to=2026-01-01T00:00", true);
        assertThat(badRange.statusCode()).isEqualTo(400);
    }
}
