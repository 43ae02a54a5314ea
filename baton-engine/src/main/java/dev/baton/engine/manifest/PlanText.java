package dev.baton.engine.manifest;

import dev.baton.engine.simulate.Finding;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Plan} for people: plain text for a terminal, or Markdown for a pull-request comment.
 *
 * <pre>
 * Plan for sqlite:/srv/app/.baton/baton.db
 * Deployed: sha256:3f2a… (code 41c9e07) by alice at 2027-06-20 10:02 UTC
 * Planned:  sha256:9bd1… (code 77aa012)
 *
 * ~ schedule HourlyRefresh / 0 * * * * Europe/Berlin
 *     overlap: SKIP -> BUFFER_ONE
 * + workflow Cleanup
 *     class: com.example.Cleanup
 *
 * Changes: 1 to add, 1 to change, 0 to remove.
 * </pre>
 */
public final class PlanText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PlanText() {
    }

    /** @param plan a plan @return it as plain text lines */
    public static List<String> text(Plan plan) {
        List<String> out = new ArrayList<>();
        out.add("Plan for " + plan.target());
        out.add("Deployed: " + deployed(plan));
        out.add("Planned:  " + plan.planned().hash() + code(plan.planned().codeVersion()));
        out.add("");
        if (plan.changes().isEmpty()) {
            out.add("No changes: the declarations are the same as the deployed ones.");
        }
        for (Change change : plan.changes()) {
            out.add(symbol(change.action()) + " " + change.kind() + " " + change.name());
            for (Change.FieldChange field : change.fields()) {
                out.add("    " + field.field() + ": " + value(change.action(), field));
            }
        }
        out.add("");
        out.add("Runs in flight: " + plan.inFlight().inFlight() + (plan.inFlight().checked() ? ", replayed" : ""));
        out.add("  " + plan.inFlight().note());
        for (InFlightReport.BrokenRun run : plan.inFlight().broken()) {
            out.add("  ! " + run.runId() + " (" + run.workflow() + "): " + run.reason());
        }
        out.add("");
        out.addAll(conflicts(plan, false));
        out.add("");
        out.add(summary(plan));
        return out;
    }

    /** @param plan a plan @return it as Markdown, for a pull-request comment */
    public static List<String> markdown(Plan plan) {
        List<String> out = new ArrayList<>();
        out.add("## Baton plan");
        out.add("");
        out.add("**" + summary(plan) + "**");
        out.add("");
        out.add("| | manifest | code | |");
        out.add("| --- | --- | --- | --- |");
        Plan.Deployed d = plan.deployed();
        out.add(d == null ? "| deployed | (nothing deployed yet) | | |"
                : "| deployed | `" + shortHash(d.hash()) + "` | " + orDash(d.codeVersion()) + " | by " + d.author()
                  + " at " + utc(d.deployedAt()) + " |");
        out.add("| planned | `" + shortHash(plan.planned().hash()) + "` | " + orDash(plan.planned().codeVersion()) + " | |");
        out.add("");
        if (plan.changes().isEmpty()) {
            out.add("No changes: the declarations are the same as the deployed ones.");
        } else {
            out.add("| | item | field | before | after |");
            out.add("| --- | --- | --- | --- | --- |");
            for (Change change : plan.changes()) {
                String item = change.kind() + " `" + change.name() + "`";
                if (change.fields().isEmpty()) {
                    out.add("| " + symbol(change.action()) + " | " + item + " | | | |");
                }
                boolean first = true;
                for (Change.FieldChange field : change.fields()) {
                    out.add("| " + (first ? symbol(change.action()) : "") + " | " + (first ? item : "") + " | "
                            + field.field() + " | " + cell(field.before()) + " | " + cell(field.after()) + " |");
                    first = false;
                }
            }
        }
        out.add("");
        out.add("### Runs in flight: " + plan.inFlight().inFlight());
        out.add("");
        out.add(plan.inFlight().note());
        for (InFlightReport.BrokenRun run : plan.inFlight().broken()) {
            out.add("- :warning: `" + run.runId() + "` (" + run.workflow() + "): " + run.reason());
        }
        out.add("");
        out.addAll(conflicts(plan, true));
        return out;
    }

    /** @param plan a plan @return one line: how many to add, change and remove, and what else needs care */
    public static String summary(Plan plan) {
        String line = plan.changes().isEmpty() ? "No changes."
                : "Changes: " + plan.count(Change.Action.ADDED) + " to add, " + plan.count(Change.Action.CHANGED)
                  + " to change, " + plan.count(Change.Action.REMOVED) + " to remove.";
        if (!plan.inFlight().broken().isEmpty()) {
            line += " " + plan.inFlight().broken().size() + " run(s) in flight would break.";
        }
        if (!plan.conflicts().introduced().isEmpty()) {
            line += " " + plan.conflicts().introduced().size() + " schedule conflict(s) introduced.";
        }
        return line;
    }

    private static List<String> conflicts(Plan plan, boolean markdown) {
        Plan.Conflicts c = plan.conflicts();
        ZoneId zone = ZoneId.of(c.zone());
        List<String> out = new ArrayList<>();
        out.add((markdown ? "### " : "") + "Schedule conflicts in the " + c.days() + " days from "
                + LOCAL.format(c.from().atZone(zone)) + " " + zone.getId() + " (durations: " + c.durations() + ")");
        if (markdown) {
            out.add("");
        }
        if (c.introduced().isEmpty() && c.resolved().isEmpty()) {
            out.add((markdown ? "" : "  ") + "None introduced or resolved by this change.");
            return out;
        }
        for (Finding f : c.introduced()) {
            out.add(line(markdown, "introduced", f, zone));
        }
        for (Finding f : c.resolved()) {
            out.add(line(markdown, "resolved", f, zone));
        }
        return out;
    }

    private static String line(boolean markdown, String what, Finding f, ZoneId zone) {
        String when = LOCAL.format(f.at().atZone(zone));
        String kind = f.kind().name().toLowerCase().replace('_', ' ');
        return markdown ? "- " + what + ": **" + kind + "** `" + when + "` " + f.workflow() + ": " + f.detail()
                : "  " + what + "  " + when + "  " + kind + "  " + f.workflow() + ": " + f.detail();
    }

    private static String deployed(Plan plan) {
        Plan.Deployed d = plan.deployed();
        return d == null ? "nothing yet (every item is added)"
                : d.hash() + code(d.codeVersion()) + " by " + d.author() + " at " + utc(d.deployedAt());
    }

    private static String value(Change.Action action, Change.FieldChange field) {
        return switch (action) {
            case ADDED -> field.after();
            case REMOVED -> field.before();
            case CHANGED -> orNone(field.before()) + " -> " + orNone(field.after());
        };
    }

    private static String symbol(Change.Action action) {
        return switch (action) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case CHANGED -> "~";
        };
    }

    private static String code(String version) {
        return version == null ? "" : " (code " + version + ")";
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }

    private static String orDash(String value) {
        return value == null ? "-" : "`" + value + "`";
    }

    private static String cell(String value) {
        return value == null ? "" : "`" + value.replace("|", "\\|") + "`";
    }

    private static String shortHash(String hash) {
        return hash.length() > 19 ? hash.substring(0, 19) : hash;
    }

    private static String utc(Instant instant) {
        return LOCAL.format(instant.atZone(ZoneId.of("UTC"))) + " UTC";
    }
}
