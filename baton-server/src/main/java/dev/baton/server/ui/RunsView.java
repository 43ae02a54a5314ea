package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.WorkflowInfo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The run list: filters on workflow, state and creation time, one page at a time. Each page is
 * one indexed query for {@code size + 1} runs (the extra one tells whether a next page exists), so
 * the page stays fast however many runs are stored; it never counts or loads them all.
 */
final class RunsView {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    /** The filters as given in the address. */
    record Filter(String workflow, Set<RunStatus> statuses, String from, String to, int size, int offset) {
    }

    private final Baton baton;

    RunsView(Baton baton) {
        this.baton = baton;
    }

    String render(Filter filter, List<String> filterProblems) {
        Html html = new Html();
        html.raw("<h1>Runs</h1>");
        List<String> problems = new ArrayList<>(filterProblems);
        Instant from = parseTime(filter.from(), "from", problems);
        Instant to = parseTime(filter.to(), "to", problems);
        renderForm(html, filter);
        html.raw("<div id=\"runs-live\" data-live>");
        if (!problems.isEmpty()) {
            html.raw("<p class=\"error-box\">").text(String.join("; ", problems)).raw("</p>");
        } else {
            RunQuery query = new RunQuery(blankToNull(filter.workflow()), filter.statuses(), from, to, filter.size() + 1,
                    filter.offset());
            List<RunInfo> runs = baton.runs(query);
            boolean more = runs.size() > filter.size();
            if (more) {
                runs = runs.subList(0, filter.size());
            }
            renderTable(html, runs);
            renderPager(html, filter, runs.size(), more);
        }
        html.raw("</div>");
        return Page.render("Runs", Page.Section.RUNS, "runs", html);
    }

    private void renderForm(Html html, Filter f) {
        html.raw("<form class=\"filters\" method=\"get\" action=\"/ui/runs\"><label>Workflow<select name=\"workflow\">")
                .raw("<option value=\"\">any</option>");
        for (WorkflowInfo w : baton.workflows()) {
            html.raw("<option").raw(w.name().equals(f.workflow()) ? " selected" : "").raw(" value=\"").text(w.name())
                    .raw("\">").text(w.name()).raw("</option>");
        }
        html.raw("</select></label><fieldset class=\"statuses\"><legend>Status</legend>");
        for (RunStatus s : RunStatus.values()) {
            html.raw("<label class=\"check\"><input type=\"checkbox\" name=\"status\" value=\"").raw(s.name()).raw("\"")
                    .raw(f.statuses().contains(s) ? " checked" : "").raw(">").text(s.name().toLowerCase(Locale.ROOT))
                    .raw("</label>");
        }
        html.raw("</fieldset><label>Created from (UTC)<input type=\"datetime-local\" name=\"from\" value=\"")
                .text(f.from()).raw("\"></label><label>to<input type=\"datetime-local\" name=\"to\" value=\"")
                .text(f.to()).raw("\"></label><label>Per page<input type=\"number\" name=\"size\" min=\"1\" max=\"")
                .raw(String.valueOf(MAX_SIZE)).raw("\" value=\"").raw(String.valueOf(f.size()))
                .raw("\"></label><button type=\"submit\">Filter</button> <a href=\"/ui/runs\">clear</a></form>");
    }

    private static void renderTable(Html html, List<RunInfo> runs) {
        if (runs.isEmpty()) {
            html.raw("<p class=\"muted\">No runs match.</p>");
            return;
        }
        html.raw("<table class=\"grid runs\"><thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th>Created</th>")
                .raw("<th>Duration</th><th>Detail</th></tr></thead><tbody>");
        for (RunInfo run : runs) {
            html.raw("<tr data-run=\"").text(run.id()).raw("\"><td class=\"id\">").link("/ui/runs/" + Html.path(run.id()), run.id())
                    .raw("</td><td>").text(run.workflow()).raw("</td><td>");
            Formats.badge(html, run.status());
            if (run.cancelRequested() && !run.status().isTerminal()) {
                html.raw(" <span class=\"muted\">cancelling</span>");
            }
            html.raw("</td><td>").text(Formats.time(run.createdAt())).raw("</td><td>")
                    .text(Formats.duration(run.startedAt(), run.endedAt())).raw("</td><td class=\"detail\">");
            if (run.error() != null) {
                html.raw("<span class=\"err-inline\">").text(CatalogView.clip(run.error().summary(), 140)).raw("</span>");
            } else if (run.waitingFor() != null) {
                html.text("waiting for " + run.waitingFor());
            }
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table>");
    }

    private static void renderPager(Html html, Filter f, int shown, boolean more) {
        html.raw("<nav class=\"pager\">");
        if (f.offset() > 0) {
            html.link(address(f, Math.max(0, f.offset() - f.size())), "← newer");
        }
        html.raw(" <span class=\"muted\">").text(shown == 0 ? "" : "runs " + (f.offset() + 1) + "–" + (f.offset() + shown))
                .raw("</span> ");
        if (more) {
            html.link(address(f, f.offset() + f.size()), "older →");
        }
        html.raw("</nav>");
    }

    static String address(Filter f, int offset) {
        StringBuilder a = new StringBuilder("/ui/runs?size=").append(f.size()).append("&offset=").append(offset);
        if (f.workflow() != null && !f.workflow().isBlank()) {
            a.append("&workflow=").append(Html.query(f.workflow()));
        }
        for (RunStatus s : EnumSet.copyOf(f.statuses().isEmpty() ? EnumSet.noneOf(RunStatus.class) : f.statuses())) {
            a.append("&status=").append(s.name());
        }
        if (f.from() != null && !f.from().isBlank()) {
            a.append("&from=").append(Html.query(f.from()));
        }
        if (f.to() != null && !f.to().isBlank()) {
            a.append("&to=").append(Html.query(f.to()));
        }
        return a.toString();
    }

    /** Accepts what a datetime-local field sends (UTC is meant) or a full ISO instant. */
    static Instant parseTime(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add("'" + field + "' must be a time like 2026-01-31T02:00 (UTC), was '" + value + "'");
            return null;
        }
    }

    /** Reads the filters from query parameters, refusing nothing: bad values fall back to the defaults or are reported. */
    static Filter filter(String workflow, List<String> statuses, String from, String to, String size, String offset,
                         List<String> problems) {
        Set<RunStatus> wanted = EnumSet.noneOf(RunStatus.class);
        for (String s : statuses) {
            if (s == null || s.isBlank()) {
                continue;
            }
            try {
                wanted.add(RunStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add("unknown status '" + s + "'; one of " + List.of(RunStatus.values()));
            }
        }
        int pageSize = clamp(size, DEFAULT_SIZE, 1, MAX_SIZE);
        int skip = clamp(offset, 0, 0, Integer.MAX_VALUE - MAX_SIZE);
        return new Filter(blankToNull(workflow), wanted, from == null ? "" : from, to == null ? "" : to, pageSize, skip);
    }

    private static int clamp(String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
