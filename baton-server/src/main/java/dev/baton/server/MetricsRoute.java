package dev.baton.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.config.JavalinConfig;

/**
 * {@code GET /metrics}: the engine's meters (and whatever else is in its registry) in the
 * Prometheus text format. The registry is the one the engine was built with: a
 * {@link PrometheusMeterRegistry} is scraped as it is; a composite (Micrometer's global registry,
 * the default) gets a Prometheus registry added, which receives the meters already there.
 */
final class MetricsRoute {
    /** The content type of the Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsRoute() {
    }

    static void register(JavalinConfig config, ServerContext context) {
        MeterRegistry registry = context.baton().meterRegistry();
        PrometheusMeterRegistry prometheus = prometheusOf(registry);
        if (prometheus == null) {
            String kind = registry.getClass().getName();
            config.routes.get("/metrics", ctx -> ctx.status(501).contentType("text/plain; charset=utf-8")
                    .result("the engine's meter registry is a " + kind + ", which has no Prometheus text; build Baton "
                            + "with BatonBuilder.meterRegistry(...) given a PrometheusMeterRegistry or a "
                            + "CompositeMeterRegistry (the default, Metrics.globalRegistry, is one)\n"));
            return;
        }
        config.routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(prometheus.scrape()));
    }

    /** @return the Prometheus registry to scrape for {@code registry}, added to it when it is a composite */
    static PrometheusMeterRegistry prometheusOf(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            synchronized (composite) {
                for (MeterRegistry child : composite.getRegistries()) {
                    if (child instanceof PrometheusMeterRegistry prometheus) {
                        return prometheus;
                    }
                }
                PrometheusMeterRegistry added = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                composite.add(added);
                return added;
            }
        }
        return null;
    }
}
