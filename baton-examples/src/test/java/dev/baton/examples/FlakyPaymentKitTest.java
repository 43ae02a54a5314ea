package dev.baton.examples;

import dev.baton.examples.FlakyPayment.Payment;
import dev.baton.examples.FlakyPayment.Receipt;
import dev.baton.test.BatonExtension;
import dev.baton.test.BatonTestKit;
import dev.baton.test.RunView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;

import static dev.baton.test.BatonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flaky payment under the test kit: in virtual time the retry policy's waits are exact, so the
 * test states them exactly instead of as lower bounds.
 */
class FlakyPaymentKitTest {

    @RegisterExtension
    static BatonExtension baton = BatonExtension.configure(b -> b.workflow(new FlakyPayment()));

    @Test
    void retriesAfter200ThenAfter400Milliseconds(BatonTestKit kit) {
        RunView run = kit.awaitRun(kit.start("FlakyPayment", new Payment("P-1", 1_250)));

        assertThat(run).isCompleted().ranSteps("call-payment-provider")
                .step("call-payment-provider").hasAttempts(3)
                .hasAttemptDelays(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(run.info().output()).contains("\"attempts\":3");
    }

    @Test
    void aLongerOutageUsesTheWholePolicyAndThenFails(BatonTestKit kit) {
        kit.stub("call-payment-provider").thenFail(() -> new IOException("provider down all night"));

        RunView run = kit.awaitRun(kit.start("FlakyPayment", new Payment("P-2", 1_250)));

        // Five attempts, waiting 200 ms, 400 ms, 800 ms and 1.6 s between them, then the run fails.
        assertThat(run).isFailed().hasErrorContaining("provider down all night")
                .step("call-payment-provider").failed().hasAttempts(5)
                .hasAttemptDelays(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1_600));
    }

    @Test
    void aBadAmountIsNotRetried(BatonTestKit kit) {
        RunView run = kit.awaitRun(kit.start("FlakyPayment", new Payment("P-3", 0)));

        assertThat(run).isFailed().hasErrorContaining("amountCents must be > 0")
                .step("call-payment-provider").hasAttempts(1);
    }

    @Test
    void aStubbedProviderAnswersAtOnce(BatonTestKit kit) {
        kit.stub("call-payment-provider").returns(new Receipt("P-4", "confirmed:stub", 1));

        RunView run = kit.awaitRun(kit.start("FlakyPayment", new Payment("P-4", 1_250)));

        assertThat(run).isCompleted().hasResult(new Receipt("P-4", "confirmed:stub", 1));
    }
}
