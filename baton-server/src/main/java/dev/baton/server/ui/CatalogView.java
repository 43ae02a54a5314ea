package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.LockSpec;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.ScheduleInfo;
import dev.baton.Trigger;
import dev.baton.WorkflowInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog: what runs and why. Each workflow with its description, owner and runbook, its
 * schedules and next fires, what triggers it and what it triggers, the locks and pools it holds
 * and who else holds them, and its last runs — above them, the graph of it all.
 */
final class CatalogView {
    /** The last runs shown per workflow; one indexed query each. */
    static final int LAST_RUNS = 5;

    private final Baton baton;

    CatalogView(Baton baton) {
        this.baton = baton;
    }

    String render() {
        List<WorkflowInfo> workflows = baton.workflows();
        List<ScheduleInfo> schedules = baton.schedules();
        Map<String, List<String>> downstream = new LinkedHashMap<>();
        Map<String, List<String>> holders = new LinkedHashMap<>();
        for (WorkflowInfo w : workflows) {
            for (Trigger t : w.triggers()) {
                for (String up : t.upstream()) {
                    downstream.computeIfAbsent(up, k -> new ArrayList<>()).add(w.name() + " (" + Words.edge(t) + ")");
                }
            }
            for (LockSpec lock : w.locks()) {
                holders.computeIfAbsent(lock.name(), k -> new ArrayList<>()).add(w.name());
            }
        }
        Html html = new Html();
        html.raw("<h1>Catalog</h1><p class=\"lead\">").text(count(workflows.size(), "workflow") + ", "
                + count(schedules.size(), "schedule") + ". What runs, when, and why.").raw("</p>");
        html.raw("<section class=\"panel\"><h2>How the workflows are tied</h2><div class=\"graph-wrap\">");
        GraphSvg.render(html, workflows, schedules);
        html.raw("</div><p class=\"legend\"><span class=\"key trig\"></span> trigger (runs after)"
                + " <span class=\"key lk\"></span> holds a lock or pool for each run</p></section>");

        int index = 0;
        for (WorkflowInfo w : workflows) {
            html.raw("<section class=\"panel wf\" id=\"wf-").text(w.name()).raw("\"><div class=\"wf-head\"><h2>")
                    .text(w.name()).raw("</h2>");
            if (w.owner() != null) {
                html.raw("<span class=\"owner\" title=\"owner\">").text(w.owner()).raw("</span>");
            }
            if (w.runbook() != null) {
                html.raw(" <a class=\"runbook\" rel=\"noopener\" href=\"").text(safeHref(w.runbook())).raw("\">runbook</a>");
            }
            html.raw(" <a class=\"more\" href=\"/ui/runs?workflow=").raw(Html.query(w.name())).raw("\">all runs →</a></div>");
            html.raw("<p class=\"desc\">").text(w.description().isEmpty() ? "(no description)" : w.description())
                    .raw("</p><dl class=\"facts\">");
            html.raw("<dt>Input</dt><dd><code>").text(w.inputType()).raw("</code></dd>");
            if (w.deadline() != null) {
                html.raw("<dt>Deadline</dt><dd class=\"deadline\">").text(Formats.duration(w.deadline())
                        + " from its logical time (scheduled runs) or its creation").raw("</dd>");
            }
            html.raw("<dt>Starts</dt><dd>");
            List<String> starts = new ArrayList<>();
            starts.add("by hand or API");
            w.triggers().forEach(t -> starts.add(Words.trigger(t)));
            html.text(String.join("; ", starts)).raw("</dd>");
            if (downstream.containsKey(w.name())) {
                html.raw("<dt>Then starts</dt><dd>").text(String.join(", ", downstream.get(w.name()))).raw("</dd>");
            }
            if (!w.locks().isEmpty()) {
                html.raw("<dt>Holds</dt><dd>");
                for (LockSpec lock : w.locks()) {
                    List<String> others = new ArrayList<>(holders.get(lock.name()));
                    others.remove(w.name());
                    html.raw("<div>").text(Words.lock(lock)).text(others.isEmpty() ? ""
                            : " — shared with " + String.join(", ", others) + ": never runs beside them").raw("</div>");
                }
                html.raw("</dd>");
            }
            html.raw("</dl>");
            html.raw("<div id=\"wf-live-").raw(String.valueOf(index)).raw("\" data-live>");
            renderSchedules(html, w, schedules);
            renderLastRuns(html, w);
            html.raw("</div>");
            html.raw("<details class=\"start\"><summary>Start a run</summary>")
                    .raw("<form method=\"post\" data-action action=\"/ui/workflows/").raw(Html.path(w.name()))
                    .raw("/start\"><label>Input (JSON, ").text(w.inputType()).raw(")<textarea name=\"input\" rows=\"3\" ")
                    .raw("spellcheck=\"false\" placeholder=\"empty means null\"></textarea></label><label>Run id (optional, starts nothing twice)")
                    .raw("<input name=\"runId\" autocomplete=\"off\"></label><button type=\"submit\">Start run</button>")
                    .raw("</form></details>");
            html.raw("</section>");
            index++;
        }
        renderDeployments(html);
        return Page.render("Catalog", Page.Section.CATALOG, "runs", html);
    }

    /** The last deploys: which code runs, and what changed when. */
    private void renderDeployments(Html html) {
        List<dev.baton.DeploymentInfo> deployments = baton.deployments(5);
        if (deployments.isEmpty()) {
            return;
        }
        html.raw("<section class=\"panel\" id=\"deployments\"><h2>Deployments</h2><table><thead><tr><th>When</th>"
                + "<th>Code version</th><th>By</th><th>What changed</th></tr></thead><tbody>");
        for (dev.baton.DeploymentInfo d : deployments) {
            html.raw("<tr><td class=\"t\">").text(Formats.time(d.deployedAt())).raw("</td><td>")
                    .text(d.codeVersion() == null ? "-" : d.codeVersion()).raw("</td><td>").text(d.author()).raw("</td><td>");
            if (d.changes().isEmpty()) {
                html.text("nothing declared changed");
            }
            for (String change : d.changes()) {
                html.raw("<div>").text(change).raw("</div>");
            }
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table></section>");
    }

    private void renderSchedules(Html html, WorkflowInfo w, List<ScheduleInfo> schedules) {
        List<ScheduleInfo> mine = schedules.stream().filter(s -> s.workflow().equals(w.name())).toList();
        if (mine.isEmpty()) {
            return;
        }
        html.raw("<table class=\"grid small\"><thead><tr><th>Schedule</th><th>When</th><th>Next fire</th>")
                .raw("<th>Last fire</th><th></th></tr></thead><tbody>");
        for (ScheduleInfo s : mine) {
            html.raw("<tr><td>").text(s.id()).raw(s.paused() ? " <span class=\"st st-paused\">PAUSED</span>" : "")
                    .raw("</td><td>").text(s.description()).raw("</td><td>")
                    .text(s.paused() ? "held while paused" : Formats.time(s.nextFire()))
                    .raw("</td><td>").text(Formats.time(s.lastFire())).raw("</td><td>");
            ScheduleView.pauseButton(html, s);
            html.raw(" <a href=\"/ui/schedules#").text(ScheduleView.anchor(s)).raw("\">fires →</a></td></tr>");
        }
        html.raw("</tbody></table>");
    }

    private void renderLastRuns(Html html, WorkflowInfo w) {
        List<RunInfo> runs = baton.runs(RunQuery.all().withWorkflow(w.name()).withLimit(LAST_RUNS));
        if (runs.isEmpty()) {
            html.raw("<p class=\"muted\">No runs yet.</p>");
            return;
        }
        html.raw("<ul class=\"last-runs\">");
        for (RunInfo run : runs) {
            html.raw("<li>");
            Formats.badge(html, run.status());
            html.raw(" ").link("/ui/runs/" + Html.path(run.id()), run.id()).raw(" <span class=\"muted\">")
                    .text(Formats.time(run.createdAt()) + " · " + Formats.duration(run.startedAt(), run.endedAt()))
                    .raw("</span>");
            if (run.error() != null) {
                html.raw(" <span class=\"err-inline\">").text(clip(run.error().summary(), 240)).raw("</span>");
            } else if (run.waitingFor() != null) {
                html.raw(" <span class=\"muted\">").text("waiting for " + run.waitingFor()).raw("</span>");
            }
            html.raw("</li>");
        }
        html.raw("</ul>");
    }

    /** Runbook links are shown as links only when they are web addresses; anything else is never a script URL. */
    static String safeHref(String url) {
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("/") ? url.strip()
                : "#unsafe-link";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
