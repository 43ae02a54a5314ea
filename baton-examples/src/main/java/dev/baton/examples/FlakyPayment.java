package dev.baton.examples;

import dev.baton.Flow;
import dev.baton.Retry;
import dev.baton.StepContext;
import dev.baton.StepOptions;
import dev.baton.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * Retries with exponential backoff: a payment provider that is down for the first two attempts
 * and answers on the third.
 *
 * <p>The retry policy is part of the code under review: at most 5 attempts, waiting 200 ms after
 * the first failure, then 400 ms, 800 ms, and so on. The waits are durable timers, so a restart
 * during a backoff resumes the wait instead of starting over. An {@link IllegalArgumentException}
 * (a bad amount) is not worth retrying and fails the step at once.
 *
 * <p>The outage is simulated from the attempt number, so every run behaves the same way.
 */
public final class FlakyPayment implements Workflow<FlakyPayment.Payment, FlakyPayment.Receipt> {
    /** What the step logs here is stored with its attempt: {@code baton logs RUN_ID} shows it. */
    private static final Logger log = LoggerFactory.getLogger(FlakyPayment.class);

    /**
     * A payment to collect.
     *
     * @param id          the payment's id
     * @param amountCents the amount, in cents; must be positive
     */
    public record Payment(String id, long amountCents) {
    }

    /**
     * The provider's answer.
     *
     * @param paymentId    the payment's id
     * @param confirmation the provider's confirmation
     * @param attempts     the attempt that succeeded
     */
    public record Receipt(String paymentId, String confirmation, int attempts) {
    }

    /** How many attempts the simulated provider fails before it answers. */
    public static final int FAILING_ATTEMPTS = 2;

    /** At most 5 attempts; 200 ms, 400 ms, 800 ms, 1.6 s between them; bad input is final. */
    public static final StepOptions PAYMENT_OPTIONS = StepOptions.retry(
            Retry.exponential(5)
                    .withInitialInterval(Duration.ofMillis(200))
                    .withNonRetryable(IllegalArgumentException.class));

    @Override
    public Receipt run(Flow flow, Payment payment) {
        return flow.step("call-payment-provider", PAYMENT_OPTIONS, () -> callProvider(payment));
    }

    private static Receipt callProvider(Payment payment) throws IOException {
        StepContext step = StepContext.current();
        if (payment.amountCents() <= 0) {
            // A retry cannot fix this: the policy marks IllegalArgumentException non-retryable.
            throw new IllegalArgumentException("amountCents must be > 0, was " + payment.amountCents());
        }
        log.info("charging {} cents for payment {} (attempt {})", payment.amountCents(), payment.id(), step.attempt());
        if (step.attempt() <= FAILING_ATTEMPTS) {
            log.info("payment provider unavailable; the engine retries with backoff");
            throw new IOException("payment provider unavailable (attempt " + step.attempt() + ")");
        }
        // A real provider would be given step.idempotencyKey(), the same on every attempt of
        // this step, so that a charge repeated after a crash is recognised and not taken twice.
        return new Receipt(payment.id(), "confirmed:" + step.idempotencyKey(), step.attempt());
    }
}
