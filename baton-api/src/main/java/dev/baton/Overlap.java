package dev.baton;

/**
 * What a {@link Schedule} does when it fires while the run it started on an earlier fire is
 * still running. The default is {@link #SKIP}.
 *
 * <p>Every decision is recorded with the fire and a reason (for example "previous run R still
 * running; overlap SKIP"), so a fire that did not start a run is visible, not silently lost.
 * Only runs started by the same schedule count as "previous": runs of the same workflow started
 * by hand, by a trigger or by a backfill do not.
 */
public enum Overlap {

    /**
     * The fire starts no run; it is recorded as skipped with the running run's id. The next fire
     * is considered as usual. At most one run of the schedule runs at a time. The default.
     */
    SKIP,

    /**
     * The fire is held and its run starts as soon as the previous run ends (however it ends). At
     * most one fire is held: a newer fire replaces an older held one, which is recorded as
     * skipped and replaced. At most one run of the schedule runs at a time, and after a long run
     * the schedule catches up with one run for the most recent fire.
     */
    BUFFER_ONE,

    /**
     * The fire starts a run at once, beside the previous run(s). Runs of the schedule may pile
     * up when each takes longer than the interval between fires; use locks or pools to bound
     * what they touch.
     */
    ALLOW_ALL,

    /**
     * The previous run is cancelled (its cancellation reaches running steps and its
     * {@code finally} blocks run) and the fire starts a run. A held fire left over from
     * {@link #BUFFER_ONE} is dropped. Use it when only the newest run's result matters.
     */
    CANCEL_PREVIOUS
}
