package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.alert.AlertIncident;
import io.javalin.config.JavalinConfig;

import java.util.List;

/**
 * The Alerts page: incidents, newest first, with every notification and its state. A delivery
 * that failed for good is counted at the top and its row is red, so that an alert that did not
 * reach anyone is seen here rather than lost.
 */
public final class AlertsView {
    private final Baton baton;

    private AlertsView(Baton baton) {
        this.baton = baton;
    }

    /**
     * @param config the server's configuration
     * @param baton  the engine
     */
    public static void register(JavalinConfig config, Baton baton) {
        AlertsView view = new AlertsView(baton);
        config.routes.get("/ui/alerts", ctx -> ctx.header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8").result(view.render()));
    }

    String render() {
        List<AlertIncident> incidents = baton.alerts(EventStream.ALERTS_SHOWN);
        Html html = new Html();
        html.raw("<h1>Alerts</h1><div id=\"alerts-live\" data-live>");
        long failed = incidents.stream().flatMap(i -> i.deliveries().stream())
                .filter(d -> d.status().equals("FAILED")).count();
        if (failed > 0) {
            html.raw("<p class=\"error-box\" id=\"failed-deliveries\"><strong>").text(failed)
                    .raw(failed == 1 ? " notification" : " notifications")
                    .raw(" could not be delivered.</strong> Their last error is shown below; check the channel's "
                            + "URL, credentials and reachability.</p>");
        }
        if (incidents.isEmpty()) {
            html.raw("<p class=\"muted\">No alert so far. Alerts are raised when a run fails for good, misses its "
                    + "deadline, or a scheduled fire is missed or skipped; see docs/alerts.md.</p>");
        }
        for (AlertIncident i : incidents) {
            html.raw("<section class=\"panel\" id=\"incident-").text(i.id()).raw("\"><div class=\"wf-head\"><h2>")
                    .text(i.workflow() + " · " + i.cause()).raw("</h2> ");
            Formats.badge(html, i.open() ? "OPEN" : "RESOLVED");
            html.raw("</div><p>").text(i.summary() == null ? "" : i.summary()).raw("</p><p class=\"muted\">")
                    .text(i.count() + (i.count() == 1 ? " failure" : " failures") + " since " + Formats.time(i.firstAt())
                            + ", latest " + Formats.time(i.lastAt())
                            + (i.resolvedAt() == null ? "" : ", resolved " + Formats.time(i.resolvedAt())));
            if (i.runId() != null) {
                html.raw(" · ").link("/ui/runs/" + Html.path(i.runId()), "run " + i.runId());
            }
            html.raw("</p><table class=\"grid small\"><thead><tr><th>Channel</th><th>Action</th><th>Status</th>"
                    + "<th>Attempts</th><th>Last result</th><th>Next attempt</th></tr></thead><tbody>");
            for (AlertIncident.Delivery d : i.deliveries()) {
                html.raw("<tr class=\"delivery-").raw(d.status().toLowerCase(java.util.Locale.ROOT)).raw("\"><td>")
                        .text(d.channel()).raw("</td><td>").text(d.action()).raw("</td><td>");
                Formats.badge(html, d.status());
                html.raw("</td><td>").text(d.attempts()).raw("</td><td class=\"detail\">")
                        .text(d.lastResult() == null ? "" : d.lastResult()).raw("</td><td>")
                        .text(d.nextAttemptAt() == null ? "" : Formats.time(d.nextAttemptAt())).raw("</td></tr>");
            }
            html.raw("</tbody></table></section>");
        }
        html.raw("</div>");
        // Re-rendered on the live stream's alert events: a new incident, a count, a delivery's progress.
        return Page.render("Alerts", Page.Section.ALERTS, "alerts", html);
    }
}
