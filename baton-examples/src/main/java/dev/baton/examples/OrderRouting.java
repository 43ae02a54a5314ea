package dev.baton.examples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.List;
import java.util.Set;

/**
 * Branching on a step's result: score an order's risk, then either hold it for a person to
 * review or charge the card and ship it.
 *
 * <p>The branch is a plain {@code if}. The score is checkpointed by the {@code score-risk} step,
 * so a replay of the run (after a crash, say) takes the same branch even if the scoring rules
 * were changed in the meantime.
 */
public final class OrderRouting implements Workflow<OrderRouting.Order, OrderRouting.Outcome> {

    /**
     * An order to route.
     *
     * @param id          the order's id
     * @param amountCents the order's total, in cents
     * @param country     the ISO country code it ships to
     */
    public record Order(String id, long amountCents, String country) {
    }

    /**
     * Where an order went.
     *
     * @param orderId the order's id
     * @param route   {@value #SHIPPED} or {@value #REVIEW}
     * @param actions what was done, in order
     */
    public record Outcome(String orderId, String route, List<String> actions) {
    }

    /** The route of an order that was charged and shipped. */
    public static final String SHIPPED = "shipped";
    /** The route of an order held for a person to review. */
    public static final String REVIEW = "review";
    /** Orders scoring at least this much are held for review. */
    public static final int REVIEW_THRESHOLD = 80;

    private static final long LARGE_ORDER_CENTS = 100_000;
    private static final Set<String> HOME_MARKETS = Set.of("DE", "AT", "CH", "FR", "NL", "BE");

    @Override
    public Outcome run(Flow flow, Order order) {
        int risk = flow.step("score-risk", () -> riskScore(order));

        if (risk >= REVIEW_THRESHOLD) {
            String ticket = flow.step("hold-for-review", () -> "review-" + order.id());
            return new Outcome(order.id(), REVIEW, List.of("held for review as " + ticket + " (risk " + risk + ")"));
        }

        String charge = flow.step("charge-card", () -> "charged " + order.amountCents() + " cents");
        String parcel = flow.step("ship", () -> "shipped parcel " + order.id() + "-1 to " + order.country());
        return new Outcome(order.id(), SHIPPED, List.of(charge, parcel));
    }

    /**
     * A deterministic risk score from 0 to 100: a large order adds 60, shipping outside the
     * home markets adds 30. Only a large order abroad reaches {@link #REVIEW_THRESHOLD}.
     *
     * @param order the order
     * @return its score
     */
    public static int riskScore(Order order) {
        int score = 10;
        if (order.amountCents() >= LARGE_ORDER_CENTS) {
            score += 60;
        }
        if (!HOME_MARKETS.contains(order.country())) {
            score += 30;
        }
        return score;
    }
}
