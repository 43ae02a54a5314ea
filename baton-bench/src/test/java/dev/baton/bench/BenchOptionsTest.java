package dev.baton.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsToAThousandRunsOfAHundredStepsOnFullSync() {
        BenchOptions options = BenchOptions.parse(List.of());

        assertThat(options.runs()).isEqualTo(1_000);
        assertThat(options.steps()).isEqualTo(100);
        assertThat(options.chain()).isEqualTo(2_000);
        assertThat(options.batch()).isEqualTo(1_000);
        assertThat(options.synchronous()).isEqualTo("FULL");
        assertThat(options.warmup()).isTrue();
        assertThat(options.keep()).isFalse();
    }

    @Test
    void readsEveryOptionWithASpaceOrAnEqualsSign() {
        BenchOptions options = BenchOptions.parse(List.of("--runs", "50", "--steps=7", "--chain", "9",
                "--batch=25", "--dir", "/tmp/x", "--synchronous", "normal", "--no-warmup", "--keep"));

        assertThat(options).isEqualTo(new BenchOptions(50, 7, 9, 25, Path.of("/tmp/x"), "NORMAL", false, true));
    }

    @Test
    void theBaselineBatchFollowsTheRunCountUpToTheEnginesLargestBatch() {
        assertThat(BenchOptions.parse(List.of("--runs", "300")).batch()).isEqualTo(300);
        assertThat(BenchOptions.parse(List.of("--runs", "20000")).batch()).isEqualTo(8_192);
    }

    @Test
    void helpReturnsNoOptions() {
        assertThat(BenchOptions.parse(List.of("--help"))).isNull();
    }

    @Test
    void badValuesAreNamedInTheError() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--runs", "many")))
                .hasMessage("--runs must be a whole number, was 'many'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--steps", "0")))
                .hasMessage("--steps must be >= 1, was 0");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--synchronous", "OFF")))
                .hasMessage("--synchronous must be FULL or NORMAL, was 'OFF'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dir")))
                .hasMessage("--dir needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast")))
                .hasMessage("unknown option '--fast'");
    }
}
