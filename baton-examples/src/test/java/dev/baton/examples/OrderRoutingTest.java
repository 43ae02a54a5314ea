package dev.baton.examples;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepStatus;
import dev.baton.examples.OrderRouting.Order;
import dev.baton.examples.OrderRouting.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.baton.examples.TestEngine.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class OrderRoutingTest {

    @TempDir
    Path dir;

    @Test
    void aSmallOrderToAHomeMarketIsChargedAndShipped() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("OrderRouting", new Order("A-1", 4_999, "DE"));

            Outcome outcome = run.result(RESULT_TIMEOUT);

            assertThat(outcome.orderId()).isEqualTo("A-1");
            assertThat(outcome.route()).isEqualTo(OrderRouting.SHIPPED);
            assertThat(outcome.actions()).containsExactly("charged 4999 cents", "shipped parcel A-1-1 to DE");
            assertThat(baton.steps(run.runId())).extracting(StepInfo::name)
                    .containsExactly("score-risk", "charge-card", "ship");
            assertThat(baton.steps(run.runId())).extracting(StepInfo::status).containsOnly(StepStatus.COMPLETED);
            assertThat(TestEngine.step(baton, run.runId(), "score-risk").output()).isEqualTo("10");
        }
    }

    @Test
    void aLargeOrderAbroadIsHeldForReviewAndNeitherChargedNorShipped() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("OrderRouting", new Order("A-2", 250_000, "BR"));

            Outcome outcome = run.result(RESULT_TIMEOUT);

            assertThat(outcome.route()).isEqualTo(OrderRouting.REVIEW);
            assertThat(outcome.actions()).containsExactly("held for review as review-A-2 (risk 100)");
            assertThat(baton.steps(run.runId())).extracting(StepInfo::name)
                    .containsExactly("score-risk", "hold-for-review");
            assertThat(run.info().status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void onlyALargeOrderOutsideTheHomeMarketsReachesTheReviewThreshold() {
        assertThat(OrderRouting.riskScore(new Order("x", 4_999, "DE"))).isEqualTo(10);
        assertThat(OrderRouting.riskScore(new Order("x", 4_999, "US"))).isEqualTo(40);
        assertThat(OrderRouting.riskScore(new Order("x", 100_000, "DE"))).isEqualTo(70);
        assertThat(OrderRouting.riskScore(new Order("x", 100_000, "US"))).isEqualTo(100)
                .isGreaterThanOrEqualTo(OrderRouting.REVIEW_THRESHOLD);
    }
}
