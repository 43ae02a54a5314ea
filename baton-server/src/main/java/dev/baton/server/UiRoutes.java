package dev.baton.server;

import dev.baton.server.ui.LiveEvents;
import dev.baton.server.ui.WebUi;
import io.javalin.config.JavalinConfig;

/** The server-rendered web UI and its live event stream ({@code GET /api/events}); see {@link WebUi}. */
final class UiRoutes {
    private UiRoutes() {
    }

    static void register(JavalinConfig config, ServerContext context) {
        register(config, context, null);
    }

    /** @param local events of the runs executing in this process, for lower latency; or null */
    static void register(JavalinConfig config, ServerContext context, LiveEvents local) {
        WebUi.register(config, context.baton(), context.json(), local);
        dev.baton.server.ui.AlertsView.register(config, context.baton());
    }
}
