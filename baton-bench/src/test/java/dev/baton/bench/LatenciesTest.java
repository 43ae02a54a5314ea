package dev.baton.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void nearestRankPercentilesInMilliseconds() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> i * 1_000_000).toArray();
        Latencies latencies = new Latencies(nanos);

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void orderOfInputDoesNotMatter() {
        Latencies latencies = new Latencies(new long[] {3_000_000, 1_000_000, 2_000_000});

        assertThat(latencies.percentileMillis(50)).isEqualTo(2.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(3.0);
    }

    @Test
    void noLatenciesGiveNaN() {
        assertThat(new Latencies(new long[0]).percentileMillis(50)).isNaN();
    }
}
