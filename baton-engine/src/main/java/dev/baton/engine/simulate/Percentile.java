package dev.baton.engine.simulate;

/** Which of a workflow's expected durations a simulation lays on the calendar. */
public enum Percentile {
    /** The median run: half the runs take longer. The default. */
    P50,
    /** A slow run: one in ten takes longer. */
    P90,
    /** The longest run seen. */
    MAX
}
