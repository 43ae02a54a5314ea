package dev.baton.server;

import dev.baton.server.ui.AccessPages;
import dev.baton.server.ui.LiveEvents;
import dev.baton.server.ui.WebUi;
import io.javalin.config.JavalinConfig;

/** The server-rendered web UI and its live event stream ({@code GET /api/events}); see {@link WebUi}. */
final class UiRoutes {
    private UiRoutes() {
    }

    /**
     * @param local events of the runs executing in this process, for lower latency; or null
     * @param gate  the access gate: the login, logout and audit pages use it
     */
    static void register(JavalinConfig config, ServerContext context, LiveEvents local, AccessGate gate) {
        WebUi.register(config, context.baton(), context.json(), local, gate::stillAllowed);
        AccessPages.register(config, gate.registry(), gate.audit(), gate.authOn(), gate.security().sessionIdle(),
                gate.security().sessionMax(), gate::overTls, gate::address);
        dev.baton.server.ui.AdminPages.register(config, gate.registry());
        dev.baton.server.ui.AlertsView.register(config, context.baton());
    }
}
