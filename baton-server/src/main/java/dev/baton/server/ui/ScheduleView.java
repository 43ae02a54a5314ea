package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.ScheduleFire;
import dev.baton.ScheduleInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Schedules: each with its next fire, its recent fires and how late each started, the fires it
 * skipped and why; pause, resume and backfill.
 */
final class ScheduleView {
    /** Recent fires shown per schedule. */
    static final int FIRES = 20;

    private final Baton baton;

    ScheduleView(Baton baton) {
        this.baton = baton;
    }

    String render() {
        List<ScheduleInfo> schedules = baton.schedules();
        Html html = new Html();
        html.raw("<h1>Schedules</h1>");
        if (schedules.isEmpty()) {
            html.raw("<p class=\"muted\">No workflow has a schedule. Register one with ")
                    .raw("<code>BatonBuilder.workflow(workflow, Schedule.cron(...))</code>.</p>");
        }
        int index = 0;
        for (ScheduleInfo s : schedules) {
            html.raw("<section class=\"panel\" id=\"").text(anchor(s)).raw("\">");
            html.raw("<div id=\"sched-live-" + index + "\" data-live>");
            html.raw("<div class=\"wf-head\"><h2>").text(s.workflow() + " · " + s.id()).raw("</h2>");
            if (s.paused()) {
                html.raw("<span class=\"st st-paused\">PAUSED</span>");
            }
            html.raw(" ");
            pauseButton(html, s);
            html.raw("</div><dl class=\"facts\"><dt>When</dt><dd>").text(s.description()).raw("</dd>")
                    .raw("<dt>Next fire</dt><dd>").text(s.paused() ? "held while paused (" + Formats.time(s.nextFire()) + ")"
                            : Formats.time(s.nextFire()));
            if (s.nextDueAt() != null && s.nextFire() != null && !s.nextDueAt().equals(s.nextFire())) {
                html.text(", due " + Formats.time(s.nextDueAt()) + " with jitter");
            }
            if (s.nextFire() != null && !s.paused()) {
                html.raw(" <span class=\"muted\">").text("in " + Formats.duration(Instant.now(), s.nextFire())).raw("</span>");
            }
            html.raw("</dd><dt>Last fire</dt><dd>").text(Formats.time(s.lastFire())).raw("</dd></dl>");
            renderFires(html, s);
            html.raw("</div>");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            html.raw("<details class=\"start\"><summary>Backfill a past range</summary>")
                    .raw("<form method=\"post\" data-action action=\"/ui/schedules/").raw(Html.path(s.workflow())).raw("/")
                    .raw(Html.path(s.id())).raw("/backfill\">")
                    .raw("<label>From (UTC, included)<input type=\"datetime-local\" name=\"from\" required value=\"")
                    .text(local(now.minus(Duration.ofDays(1)))).raw("\"></label>")
                    .raw("<label>To (UTC, excluded)<input type=\"datetime-local\" name=\"to\" required value=\"")
                    .text(local(now)).raw("\"></label>")
                    .raw("<label>At most at once<input type=\"number\" name=\"parallelism\" min=\"1\" value=\"1\"></label>")
                    .raw("<button type=\"submit\">Backfill</button></form></details>");
            html.raw("</section>");
            index++;
        }
        return Page.render("Schedules", Page.Section.SCHEDULES, "schedules", html);
    }

    private void renderFires(Html html, ScheduleInfo s) {
        List<ScheduleFire> fires = baton.fires(s.workflow(), s.id(), FIRES);
        if (fires.isEmpty()) {
            html.raw("<p class=\"muted\">No fires recorded yet.</p>");
            return;
        }
        html.raw("<table class=\"grid small\"><thead><tr><th>Logical time</th><th>Due</th><th>Handled</th>")
                .raw("<th>Late by</th><th>Outcome</th><th>Run</th><th>Why</th></tr></thead><tbody>");
        for (ScheduleFire fire : fires) {
            html.raw("<tr class=\"fire-" + fire.outcome().name().toLowerCase(java.util.Locale.ROOT) + "\"><td>")
                    .text(Formats.time(fire.logicalTime())).raw("</td><td>").text(Formats.time(fire.dueAt()))
                    .raw("</td><td>").text(Formats.time(fire.recordedAt())).raw("</td><td>")
                    .text(fire.dueAt() == null || fire.recordedAt() == null ? "—"
                            : Formats.duration(Duration.between(fire.dueAt(), fire.recordedAt())))
                    .raw("</td><td>");
            Formats.badge(html, fire.outcome());
            html.raw("</td><td>");
            if (fire.runId() != null) {
                html.link("/ui/runs/" + Html.path(fire.runId()), fire.runId());
            }
            html.raw("</td><td class=\"why\">").text(fire.reason()).raw("</td></tr>");
        }
        html.raw("</tbody></table>");
    }

    /** The pause or resume button of a schedule, as a form the page's script submits. */
    static void pauseButton(Html html, ScheduleInfo s) {
        String verb = s.paused() ? "resume" : "pause";
        html.raw("<form class=\"inline\" method=\"post\" data-action action=\"/ui/schedules/").raw(Html.path(s.workflow()))
                .raw("/").raw(Html.path(s.id())).raw("/").raw(verb).raw("\"><button type=\"submit\" class=\"small\">")
                .text(s.paused() ? "Resume" : "Pause").raw("</button></form>");
    }

    static String anchor(ScheduleInfo s) {
        return "sched-" + s.workflow() + "-" + s.id();
    }

    private static String local(Instant at) {
        return at.toString().substring(0, 16);
    }
}
