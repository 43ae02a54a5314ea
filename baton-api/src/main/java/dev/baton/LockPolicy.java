package dev.baton;

/** What a run does when a lock (or every slot of a pool) it needs is taken. */
public enum LockPolicy {
    /** Wait in line, first come first served (by priority, then arrival), optionally up to a maximum wait. */
    WAIT,
    /** Do not run now: the run ends as {@link RunStatus#SKIPPED}, with the holder recorded as the reason. */
    SKIP,
    /** Fail at once with {@link LockUnavailableException}. */
    FAIL
}
