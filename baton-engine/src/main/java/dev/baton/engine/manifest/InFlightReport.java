package dev.baton.engine.manifest;

import java.util.List;

/**
 * What the plan knows about the runs in flight on the target.
 *
 * @param inFlight how many runs have not ended
 * @param checked  whether their histories were replayed against the new code
 * @param note     how they were checked, or why they were not, for people
 * @param broken   the runs the deploy would break, each with the reason
 */
public record InFlightReport(int inFlight, boolean checked, String note, List<BrokenRun> broken) {

    /** Copies the list. */
    public InFlightReport {
        broken = List.copyOf(broken);
    }

    /**
     * A run in flight that would not survive the deploy.
     *
     * @param runId    the run
     * @param workflow its workflow
     * @param reason   why, and what to do
     */
    public record BrokenRun(String runId, String workflow, String reason) {
    }
}
