package dev.baton.cli;

import dev.baton.RunEvent;
import dev.baton.RunListener;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the progress of runs as it happens, one line per event:
 * {@code 14:02:11  c81d4f2a  OrderRouting     step #2 charge-card completed in 3ms → "charged 4999 cents"}.
 *
 * <p>Events are held until {@link #release} so that a command can print a run's id before the
 * run's first event. Step start/completion lines are limited to {@value #STEP_LINES_PER_RUN} per
 * run (a fan-out of a thousand items would otherwise drown everything else); failures and run
 * events are always printed, and the number of lines left out is said when the run ends.
 */
final class ProgressPrinter implements RunListener {
    /** How many step started/completed lines are printed per run before they are only counted. */
    static final int STEP_LINES_PER_RUN = 12;
    private static final Pattern COMPLETED = Pattern.compile("(?s)(.*) in (\\d+)ms");
    private static final Pattern UNTIL = Pattern.compile("(.*) until (\\d{4}-\\d\\d-\\d\\dT[^ ]+Z)");
    private static final Pattern RETRY_IN = Pattern.compile("(.*) in (\\d+)ms");

    private final Terminal terminal;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> stepLines = new HashMap<>();
    private final Map<String, Integer> hidden = new HashMap<>();
    private List<RunEvent> held = new ArrayList<>();
    private Predicate<String> runs = id -> true;
    private int workflowWidth = 12;

    /** @param terminal where to print */
    ProgressPrinter(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void onEvent(RunEvent event) {
        lock.lock();
        try {
            if (held != null) {
                held.add(event);
            } else if (runs.test(event.runId())) {
                print(event);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Prints the events held so far of the runs accepted by {@code filter}, then prints events as
     * they come.
     *
     * @param filter which runs to print, by id
     */
    void release(Predicate<String> filter) {
        lock.lock();
        try {
            runs = filter;
            List<RunEvent> pending = held;
            held = null;
            if (pending != null) {
                for (RunEvent event : pending) {
                    if (filter.test(event.runId())) {
                        print(event);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** @param runId a run @return a filter accepting it and its child runs (whose ids extend it) */
    static Predicate<String> runAndChildren(String runId) {
        return id -> id.equals(runId) || id.startsWith(runId + ".");
    }

    /** @param width the width of the workflow column */
    void workflowWidth(int width) {
        this.workflowWidth = Math.max(8, width);
    }

    private void print(RunEvent event) {
        Style style = terminal.style();
        String message = message(event, style);
        if (message == null) {
            return;
        }
        line(event, message);
    }

    private void line(RunEvent event, String message) {
        Style style = terminal.style();
        String workflow = event.workflow();
        String padded = workflow.length() >= workflowWidth ? workflow
                : workflow + " ".repeat(workflowWidth - workflow.length());
        terminal.println(style.dim(terminal.formats().time(event.at())) + "  " + style.cyan(Formats.shortId(event.runId()))
                + "  " + padded + "  " + message);
    }

    private String message(RunEvent e, Style style) {
        String detail = e.detail();
        return switch (e.type()) {
            case RUN_STARTED -> "run started";
            case RUN_RESUMED -> "run resumed" + (detail == null ? "" : " (" + detail + ")");
            case STEP_STARTED -> countStep(e) ? "step " + stepName(e) + " started"
                    + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "") : null;
            case STEP_COMPLETED -> countStep(e) ? "step " + stepName(e) + " " + style.green("completed") + completed(detail) : null;
            case STEP_FAILED -> "step " + stepName(e) + " attempt " + e.attempt() + " " + style.red("failed") + ": "
                    + retry(detail);
            case RUN_WAITING -> style.yellow("waiting") + " for " + until(detail);
            case RUN_COMPLETED -> style.green("completed") + (detail == null ? "" : " → "
                    + Formats.abbreviate(detail, 100)) + hiddenNote(e);
            case RUN_FAILED -> style.red("FAILED") + (detail == null ? "" : ": " + Formats.abbreviate(detail, 200)) + hiddenNote(e);
            case RUN_CANCELLED -> style.yellow("cancelled") + hiddenNote(e);
            case RUN_SKIPPED -> style.yellow("skipped") + (detail == null ? "" : ": " + Formats.abbreviate(detail, 200));
            case RUN_PAUSED -> style.red("paused") + (detail == null ? "" : ": " + detail);
        };
    }

    private static String stepName(RunEvent e) {
        return "#" + e.seq() + " " + e.step();
    }

    /** @return whether the step line may be printed; counts it either way */
    private boolean countStep(RunEvent e) {
        int printed = stepLines.merge(e.runId(), 1, Integer::sum);
        if (printed <= STEP_LINES_PER_RUN) {
            return true;
        }
        int count = hidden.merge(e.runId(), 1, Integer::sum);
        if (count == 1) {
            line(e, terminal.style().dim("… more step lines of this run are counted, not shown"));
        }
        return false;
    }

    private String hiddenNote(RunEvent e) {
        stepLines.remove(e.runId());
        Integer count = hidden.remove(e.runId());
        return count == null ? "" : terminal.style().dim("   (" + count + " step lines not shown; `"
                + terminal.command("show " + e.runId()) + "` lists every step)");
    }

    private static String completed(String detail) {
        if (detail == null) {
            return "";
        }
        Matcher m = COMPLETED.matcher(detail);
        if (m.matches()) {
            return " in " + Formats.duration(java.time.Duration.ofMillis(Long.parseLong(m.group(2)))) + " → "
                    + Formats.abbreviate(m.group(1), 80);
        }
        return " → " + Formats.abbreviate(detail, 80);
    }

    private static String retry(String detail) {
        if (detail == null) {
            return "";
        }
        Matcher m = RETRY_IN.matcher(detail);
        if (m.matches()) {
            return m.group(1) + " in " + Formats.duration(java.time.Duration.ofMillis(Long.parseLong(m.group(2))));
        }
        return detail;
    }

    private String until(String detail) {
        if (detail == null) {
            return "something";
        }
        Matcher m = UNTIL.matcher(detail);
        if (m.matches()) {
            try {
                return m.group(1) + " until " + terminal.formats().when(Instant.parse(m.group(2)), Instant.now());
            } catch (DateTimeParseException e) {
                return detail;
            }
        }
        return detail;
    }
}
