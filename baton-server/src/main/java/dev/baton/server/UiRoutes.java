package dev.baton.server;

import io.javalin.config.JavalinConfig;

/** The server-rendered web UI. */
final class UiRoutes {
    private UiRoutes() {
    }

    static void register(JavalinConfig config, ServerContext context) {
        config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8")
                .result("<!doctype html><title>Baton</title><h1>Baton</h1>"));
    }
}
