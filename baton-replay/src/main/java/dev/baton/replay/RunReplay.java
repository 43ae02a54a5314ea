package dev.baton.replay;

/**
 * How one run's history replayed on the current code.
 *
 * @param runId    the run
 * @param workflow its workflow
 * @param source   where its history came from, e.g. {@code histories.jsonl:3}
 * @param outcome  what happened
 * @param seq      the sequence number where the code departs from history (NON_DETERMINISTIC),
 *                 or where the replay stopped or failed; 0 when none
 * @param recorded what history recorded at {@code seq}, or null
 * @param current  what the code does there now, or null
 * @param detail   the whole story in one sentence, for a report
 */
public record RunReplay(String runId, String workflow, String source, Outcome outcome, int seq, String recorded,
                        String current, String detail) {

    /** What a replay showed. */
    public enum Outcome {
        /** The code replays the whole history: the new code can take the run over. */
        REPLAYS,
        /** At some call the code does something other than what history recorded. */
        NON_DETERMINISTIC,
        /** The code throws while replaying history (an input or a recorded result it cannot read, a bug). */
        FAILS,
        /** The run's workflow is not registered in the current code. */
        UNKNOWN_WORKFLOW
    }

    /** @return whether the new code would break this run */
    public boolean breaks() {
        return outcome != Outcome.REPLAYS;
    }
}
