package dev.baton.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the whole benchmark at a tiny size on the real engine; checks that it measures, not how fast. */
@Timeout(180)
class BenchmarksTest {

    @TempDir
    Path dir;

    @Test
    void measuresEveryFigureAndCleansUpItsFiles() throws Exception {
        BenchOptions options = new BenchOptions(20, 5, 10, 20, dir, "NORMAL", false, false);

        Report report = Benchmarks.run(options);

        assertThat(report.engine().stepsPerSecond()).isPositive();
        assertThat(report.engine().startToFirstStep().count()).isEqualTo(20);
        assertThat(report.engine().startToFirstStep().percentileMillis(50)).isPositive();
        assertThat(report.chain().handOver().count()).isEqualTo(10);
        assertThat(report.chain().handOver().percentileMillis(99)).isPositive();
        assertThat(report.chain().start().count()).isEqualTo(11);
        assertThat(report.chain().start().percentileMillis(50)).isPositive();
        assertThat(report.lockHandOver().count()).isEqualTo(10);
        assertThat(report.lockHandOver().percentileMillis(50)).isPositive();
        assertThat(report.baseline().rows()).isEqualTo(100);
        assertThat(report.baseline().rowsPerSecond()).isPositive();
        assertThat(report.json()).startsWith("{").endsWith("}");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
