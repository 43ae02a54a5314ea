package dev.baton.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static Report report(double engineStepsPerSecond) {
        BenchOptions options = new BenchOptions(1_000, 100, 2_000, 1_000, Path.of("/tmp"), "FULL", true, false);
        EngineBench.Result engine = new EngineBench.Result(engineStepsPerSecond, 2_000_000_000L,
                new Latencies(new long[] {1_000_000, 2_000_000}));
        BaselineBench.Result baseline = new BaselineBench.Result(200_000, 100_000, 500_000_000L, "3.50.0");
        return new Report(options, LocalDate.of(2026, 1, 2), 2, "21.0.1", engine,
                new ChainBench.Result(new Latencies(new long[] {3_000_000}), new Latencies(new long[] {400_000})),
                new Latencies(new long[] {2_000_000}), baseline);
    }

    @Test
    void aMissedTargetIsSaidPlainly() {
        Report report = report(25_000);

        assertThat(report.targetMet()).isFalse();
        assertThat(report.verdict()).isEqualTo("MISSED: 25,000 durable steps/s is 50% of the 50,000 target");
        assertThat(report.ratio()).isEqualTo(0.125);
    }

    @Test
    void aMetTargetIsSaidPlainly() {
        assertThat(report(60_000).verdict()).isEqualTo("MET: 60,000 durable steps/s against a target of 50,000");
    }

    @Test
    void printsATableAndOneMachineReadableLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report(25_000).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("durable steps/s", "start -> first step p99", "chain hand-over p50",
                "JDBC rows/s", "engine / baseline", "verdict: MISSED");
        assertThat(text.lines().filter(line -> line.startsWith("RESULT ")).toList()).singleElement().satisfies(line ->
                assertThat(line).startsWith("RESULT {\"date\":\"2026-01-02\",\"cpus\":2,")
                        .contains("\"engineStepsPerSecond\":25000", "\"baselineRowsPerSecond\":200000",
                                "\"ratio\":0.125", "\"chainP50Ms\":3.0", "\"targetMet\":false")
                        .endsWith("}"));
    }
}
