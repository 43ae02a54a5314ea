package dev.baton.engine.schedule;

/**
 * How many runs of one {@link Backfill} may run at the same time. The engine starts the
 * backfill's fires in order of logical time and starts the next one only while fewer than
 * this many of the backfill's runs are running. The default is {@link #sequential()}.
 *
 * @param maxConcurrentRuns the most runs of the backfill running at once, at least 1
 */
public record BackfillParallelism(int maxConcurrentRuns) {

    private static final BackfillParallelism SEQUENTIAL = new BackfillParallelism(1);

    /** Validates the cap; the message names the field and the bad value. */
    public BackfillParallelism {
        if (maxConcurrentRuns < 1) {
            throw new IllegalArgumentException("maxConcurrentRuns must be >= 1, was " + maxConcurrentRuns);
        }
    }

    /** @return one run at a time, each fire after the previous run ended: the default */
    public static BackfillParallelism sequential() {
        return SEQUENTIAL;
    }

    /**
     * @param maxConcurrentRuns the most runs of the backfill running at once, at least 1
     * @return the cap
     */
    public static BackfillParallelism of(int maxConcurrentRuns) {
        return new BackfillParallelism(maxConcurrentRuns);
    }
}
