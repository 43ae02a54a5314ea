package dev.baton.replay;

import java.util.List;

/**
 * What the replay check found: one {@link RunReplay} per run, in the order of the histories.
 *
 * @param runs every run checked
 */
public record ReplayReport(List<RunReplay> runs) {

    /** Copies the list. */
    public ReplayReport {
        runs = List.copyOf(runs);
    }

    /** @return the runs the current code would break */
    public List<RunReplay> broken() {
        return runs.stream().filter(RunReplay::breaks).toList();
    }

    /** @return whether the current code replays every run */
    public boolean compatible() {
        return broken().isEmpty();
    }

    /**
     * For JUnit: fails, listing every run the current code would break, unless it replays them all.
     *
     * @throws AssertionError naming each broken run, its sequence number, and what history recorded and the code now does
     */
    public void assertCompatible() {
        if (!compatible()) {
            throw new AssertionError(describe());
        }
    }

    /** @return the report as text: a summary line, then one line per broken run */
    public String describe() {
        List<RunReplay> broken = broken();
        StringBuilder text = new StringBuilder();
        text.append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" checked: ")
                .append(runs.size() - broken.size()).append(" replay").append(runs.size() - broken.size() == 1 ? "s" : "")
                .append(" on the current code, ").append(broken.size()).append(broken.size() == 1 ? " breaks" : " break")
                .append('.');
        for (RunReplay run : broken) {
            text.append(System.lineSeparator()).append("  ").append(run.source()).append(": ").append(run.detail());
        }
        return text.toString();
    }
}
