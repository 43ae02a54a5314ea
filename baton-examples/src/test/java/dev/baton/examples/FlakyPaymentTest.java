package dev.baton.examples;

import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.RunFailedException;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepStatus;
import dev.baton.examples.FlakyPayment.Payment;
import dev.baton.examples.FlakyPayment.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.baton.examples.TestEngine.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class FlakyPaymentTest {

    @TempDir
    Path dir;

    @Test
    void succeedsOnTheThirdAttemptAfterTwoIOExceptions() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("FlakyPayment", new Payment("P-1", 1_250));

            Receipt receipt = run.result(RESULT_TIMEOUT);

            assertThat(receipt.paymentId()).isEqualTo("P-1");
            assertThat(receipt.attempts()).isEqualTo(3);
            assertThat(receipt.confirmation()).startsWith("confirmed:");

            StepInfo call = TestEngine.step(baton, run.runId(), "call-payment-provider");
            assertThat(call.status()).isEqualTo(StepStatus.COMPLETED);
            List<AttemptInfo> attempts = call.attempts();
            assertThat(attempts).extracting(AttemptInfo::attempt).containsExactly(1, 2, 3);
            assertThat(attempts.get(0).error().type()).isEqualTo(IOException.class.getName());
            assertThat(attempts.get(0).error().message()).isEqualTo("payment provider unavailable (attempt 1)");
            assertThat(attempts.get(1).error().type()).isEqualTo(IOException.class.getName());
            assertThat(attempts.get(2).error()).isNull();

            // What the step logged through SLF4J is stored with each attempt (Logback is the tests' backend).
            TestEngine.awaitUntil(RESULT_TIMEOUT, "five log lines", () -> baton.logs(run.runId(), 0, 100).size() >= 5);
            assertThat(baton.logs(run.runId(), 0, 100)).extracting(l -> l.attempt() + " " + l.stream() + " " + l.line())
                    .containsExactly(
                            "1 info FlakyPayment - charging 1250 cents for payment P-1 (attempt 1)",
                            "1 info FlakyPayment - payment provider unavailable; the engine retries with backoff",
                            "2 info FlakyPayment - charging 1250 cents for payment P-1 (attempt 2)",
                            "2 info FlakyPayment - payment provider unavailable; the engine retries with backoff",
                            "3 info FlakyPayment - charging 1250 cents for payment P-1 (attempt 3)");
        }
    }

    @Test
    void waitsAtLeast200ThenAtLeast400MillisecondsBetweenAttempts() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("FlakyPayment", new Payment("P-2", 1_250));
            run.result(RESULT_TIMEOUT);

            List<AttemptInfo> attempts = TestEngine.step(baton, run.runId(), "call-payment-provider").attempts();
            assertThat(attempts).hasSize(3);

            // Lower bounds only: on a busy machine a wait may last longer, never shorter.
            assertThat(gapBefore(attempts, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(gapBefore(attempts, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            // Each failed attempt planned its successor per the policy, and no attempt started early.
            for (int i = 0; i < 2; i++) {
                AttemptInfo failed = attempts.get(i);
                assertThat(Duration.between(failed.endedAt(), failed.nextAttemptAt()))
                        .isGreaterThanOrEqualTo(FlakyPayment.PAYMENT_OPTIONS.retry().baseDelay(failed.attempt()));
                assertThat(attempts.get(i + 1).startedAt()).isAfterOrEqualTo(failed.nextAttemptAt());
            }
            // The policy states the same waits.
            assertThat(FlakyPayment.PAYMENT_OPTIONS.retry().baseDelay(1)).isEqualTo(Duration.ofMillis(200));
            assertThat(FlakyPayment.PAYMENT_OPTIONS.retry().baseDelay(2)).isEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void aBadAmountIsNotRetried() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("FlakyPayment", new Payment("P-3", 0));

            assertThatThrownBy(() -> run.result(RESULT_TIMEOUT)).isInstanceOf(RunFailedException.class);

            RunInfo info = run.info();
            assertThat(info.status()).isEqualTo(RunStatus.FAILED);
            StepInfo call = TestEngine.step(baton, run.runId(), "call-payment-provider");
            assertThat(call.status()).isEqualTo(StepStatus.FAILED);
            assertThat(call.attempts()).hasSize(1);
            assertThat(call.error().type()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(call.error().message()).isEqualTo("amountCents must be > 0, was 0");
        }
    }

    /** The wait from the end of the previous attempt to the start of attempt {@code index}. */
    private static Duration gapBefore(List<AttemptInfo> attempts, int index) {
        AttemptInfo previous = attempts.get(index - 1);
        Instant previousEnd = previous.endedAt() != null ? previous.endedAt() : previous.startedAt();
        return Duration.between(previousEnd, attempts.get(index).startedAt());
    }
}
