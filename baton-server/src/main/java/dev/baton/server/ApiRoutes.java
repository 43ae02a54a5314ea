package dev.baton.server;

import io.javalin.config.JavalinConfig;

import java.util.Map;

/** The JSON API under {@code /api/}. */
final class ApiRoutes {
    private ApiRoutes() {
    }

    static void register(JavalinConfig config, ServerContext context) {
        config.routes.get("/api/health", ctx -> ctx.json(Map.of("status", "up")));
    }
}
