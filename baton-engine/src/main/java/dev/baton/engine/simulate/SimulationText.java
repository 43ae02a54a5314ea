package dev.baton.engine.simulate;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link SimulationReport} for people: the findings by kind, as plain text or Markdown. */
public final class SimulationText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SimulationText() {
    }

    /**
     * @param report   a report
     * @param markdown whether to write Markdown rather than plain text
     * @param withRuns whether to list every run too
     * @return the report as lines
     */
    public static List<String> render(SimulationReport report, boolean markdown, boolean withRuns) {
        List<String> out = new ArrayList<>();
        String heading = markdown ? "### " : "";
        out.add(heading + "Schedule simulation: " + local(report, report.from()) + " to " + local(report, report.to())
                + " " + report.zone().getId() + ", durations at " + report.percentile().name().toLowerCase());
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.runs().forEach(r -> counts.merge(r.workflow(), 1, Integer::sum));
        out.add(report.runs().size() + " runs: " + String.join(", ",
                counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        out.addAll(findings(report, markdown, report.findings()));
        if (withRuns) {
            out.add("");
            out.add(heading + "Runs");
            if (markdown) {
                out.add("| run | cause | created | started | ended | status | waited |");
                out.add("| --- | --- | --- | --- | --- | --- | --- |");
            }
            for (SimulatedRun run : report.runs()) {
                List<String> cells = List.of(run.id(), run.cause(), local(report, run.createdAt()),
                        run.startedAt() == null ? "-" : local(report, run.startedAt()),
                        run.endedAt() == null ? "-" : local(report, run.endedAt()), run.status(),
                        Simulator.text(run.waited()));
                out.add(markdown ? "| " + String.join(" | ", cells) + " |" : "  " + String.join("  ", cells));
            }
        }
        if (!report.assumptions().isEmpty()) {
            out.add("");
            out.add("Assumptions:");
            report.assumptions().forEach(a -> out.add((markdown ? "- " : "  - ") + a));
        }
        return out;
    }

    /**
     * @param report   the report the findings come from (for its zone)
     * @param markdown whether to write Markdown
     * @param findings the findings to show, by kind
     * @return the lines; "No conflicts" when there are none
     */
    public static List<String> findings(SimulationReport report, boolean markdown, List<Finding> findings) {
        List<String> out = new ArrayList<>();
        if (findings.isEmpty()) {
            out.add("");
            out.add("No conflicts: no skipped fires, no waits behind locks, no missed deadlines.");
            return out;
        }
        for (Finding.Kind kind : Finding.Kind.values()) {
            List<Finding> some = findings.stream().filter(f -> f.kind() == kind).toList();
            if (some.isEmpty()) {
                continue;
            }
            out.add("");
            out.add((markdown ? "**" : "") + title(kind, report) + " (" + some.size() + ")" + (markdown ? "**" : ""));
            for (Finding f : some) {
                String when = local(report, f.at());
                out.add(markdown ? "- `" + when + "` " + f.workflow() + ": " + f.detail()
                        : "  " + when + "  " + f.workflow() + "  " + f.detail());
            }
        }
        return out;
    }

    private static String title(Finding.Kind kind, SimulationReport report) {
        return switch (kind) {
            case FIRE_SKIPPED -> "Fires skipped by an overlap policy";
            case LONG_WAIT -> "Long waits (over " + Simulator.text(report.waitThreshold()) + ")";
            case LOCK_WAIT -> "Runs a lock serialised (waits up to " + Simulator.text(report.waitThreshold()) + ")";
            case LOCK_SKIPPED -> "Runs skipped by a lock's policy";
            case LOCK_FAILED -> "Runs failed by a lock's policy or maximum wait";
            case CANCELLED -> "Runs cancelled by a newer fire";
            case DEADLINE_MISSED -> "Deadlines missed";
        };
    }

    private static String local(SimulationReport report, Instant instant) {
        return LOCAL.format(instant.atZone(report.zone()));
    }
}
