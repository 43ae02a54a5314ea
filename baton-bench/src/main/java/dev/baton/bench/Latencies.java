package dev.baton.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies measured in nanoseconds. */
public final class Latencies {
    private final long[] sorted;

    /** @param nanos the latencies, in any order; copied */
    public Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(this.sorted);
    }

    /** @return how many latencies there are */
    public int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank percentile: the smallest latency that at least {@code p} percent of the
     * latencies do not exceed.
     *
     * @param p the percentile, above 0 and at most 100
     * @return the latency in milliseconds, or NaN when there are none
     */
    public double percentileMillis(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("p must be in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
