package dev.baton.server;

import dev.baton.alert.AlertIncident;
import io.javalin.config.JavalinConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/alerts}: the alert incidents, newest first, each with its deliveries and their
 * state, so that a delivery that failed is seen rather than lost. Described in openapi.json.
 */
final class AlertRoutes {
    /** The most incidents one request returns. */
    static final int MAX_INCIDENTS = 1_000;

    private AlertRoutes() {
    }

    static void register(JavalinConfig config, ServerContext context) {
        config.routes.get("/api/alerts", ctx -> {
            try {
                QueryParams params = QueryParams.of(ctx, Set.of("limit", "open"));
                int limit = (int) params.integer("limit", 50, 1, MAX_INCIDENTS);
                String open = params.string("open");
                if (open != null && !open.equals("true") && !open.equals("false")) {
                    throw ApiException.badField("open", "'open' must be true or false, was '" + open + "'");
                }
                List<AlertIncident> incidents = context.baton().alerts(limit).stream()
                        .filter(i -> open == null || i.open() == Boolean.parseBoolean(open)).toList();
                long failed = incidents.stream().flatMap(i -> i.deliveries().stream())
                        .filter(d -> d.status().equals("FAILED")).count();
                ctx.contentType("application/json").result(context.json().writeValueAsBytes(
                        Map.of("incidents", incidents, "failedDeliveries", failed)));
            } catch (Exception e) {
                ApiErrors.answer(ctx, context.json(), e);
            }
        });
    }
}
