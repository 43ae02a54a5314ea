package dev.baton;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {
    @Test
    void exponentialBackoffGrowsByTheCoefficientUpToTheCap() {
        Retry retry = Retry.exponential(10).withInitialInterval(Duration.ofMillis(100)).withMaxInterval(Duration.ofMillis(500));
        assertThat(retry.baseDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.baseDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.baseDelay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.baseDelay(4)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterSpreadsTheDelayWithinTheFraction() {
        Retry retry = Retry.fixed(3, Duration.ofMillis(1000)).withJitter(0.2);
        assertThat(retry.delay(1, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(retry.delay(1, 0.5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(retry.delay(1, 0.999999)).isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
    }

    @Test
    void nonRetryableTypesAndErrorsEndTheStep() {
        Retry retry = Retry.exponential(3).withNonRetryable(IllegalArgumentException.class);
        assertThat(retry.isRetryable(new IOException())).isTrue();
        assertThat(retry.isRetryable(new NumberFormatException())).isFalse();
        assertThat(retry.isRetryable(new OutOfMemoryError())).isFalse();
    }

    @Test
    void invalidValuesAreRefusedNamingTheFieldAndValue() {
        assertThatThrownBy(() -> Retry.exponential(0)).hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> Retry.exponential(3).withCoefficient(0.5)).hasMessage("coefficient must be >= 1.0, was 0.5");
        assertThatThrownBy(() -> Retry.exponential(3).withJitter(2)).hasMessage("jitter must be between 0.0 and 1.0, was 2.0");
        assertThatThrownBy(() -> StepOptions.timeout(Duration.ZERO)).hasMessage("timeout must be > 0, was PT0S");
        assertThatThrownBy(() -> Retry.exponential(3).withMaxInterval(Duration.ofMillis(1)))
                .hasMessageContaining("maxInterval must be >= initialInterval");
    }
}
