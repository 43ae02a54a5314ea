package dev.baton;

/** The kind of a durable call recorded in a run's history. */
public enum StepKind {
    /** A step: {@link Flow#step}, {@link Flow#async}, an item of {@link Flow#forEach}. */
    STEP,
    /** {@link Flow#sleep} or {@link Flow#sleepUntil}. */
    SLEEP,
    /** {@link Flow#awaitSignal}. */
    SIGNAL,
    /** {@link Flow#child} or {@link Flow#childAsync}. */
    CHILD,
    /** {@link Flow#patched}. */
    PATCH,
    /** {@link Flow#now()}. */
    NOW,
    /** The seed behind {@link Flow#random()} and {@link Flow#uuid()}. */
    RANDOM
}
