package dev.baton.server.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.LogLine;
import dev.baton.RunNotFoundException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web UI's routes: pages rendered on the server, their actions, the live event stream, and
 * the stylesheet and script. Nothing here needs a front-end build.
 *
 * <ul>
 *   <li>{@code GET /} the catalog and the workflow graph</li>
 *   <li>{@code GET /ui/runs} the run list; {@code GET /ui/runs/{id}} one run;
 *       {@code GET /ui/runs/{id}/logs.txt} its whole log</li>
 *   <li>{@code GET /ui/schedules} schedules and their fires</li>
 *   <li>{@code POST /ui/runs/{id}/cancel}, {@code /retry}, {@code /signal}; {@code POST /ui/workflows/{name}/start};
 *       {@code POST /ui/schedules/{workflow}/{schedule}/pause}, {@code /resume}, {@code /backfill}</li>
 *   <li>{@code GET /api/events} server-sent events naming what changed</li>
 * </ul>
 */
public final class WebUi {
    private static final Map<String, String> ASSETS = Map.of(
            "baton.css", "text/css; charset=utf-8",
            "baton.js", "text/javascript; charset=utf-8");
    private static final String HTML = "text/html; charset=utf-8";

    private WebUi() {
    }

    /**
     * Registers the UI's routes.
     *
     * @param config the server's configuration
     * @param baton  the engine the pages read and the actions call
     * @param json   the JSON mapper
     * @param local  progress events of the runs executing in this process, or null to rely on
     *               polling the store alone
     */
    public static void register(JavalinConfig config, Baton baton, ObjectMapper json, LiveEvents local) {
        register(config, baton, json, local, ctx -> true);
    }

    /**
     * Registers the UI's routes, as {@link #register(JavalinConfig, Baton, ObjectMapper, LiveEvents)} does.
     *
     * @param stillAllowed whether an open event stream's credentials still let it read; checked at each
     *                     heartbeat, and the stream is closed when they no longer do (a token revoked, a logout)
     */
    public static void register(JavalinConfig config, Baton baton, ObjectMapper json, LiveEvents local,
                                java.util.function.Predicate<io.javalin.http.Context> stillAllowed) {
        EventStream events = new EventStream(baton, json, local, stillAllowed);
        config.events.serverStopping(events::close);
        config.events.serverStartFailed(events::close);
        UiActions actions = new UiActions(baton, json, events);
        CatalogView catalog = new CatalogView(baton);
        RunsView runs = new RunsView(baton);
        RunView run = new RunView(baton, json);
        ScheduleView schedules = new ScheduleView(baton);

        config.routes.get("/", ctx -> page(ctx, catalog.render()));
        config.routes.get("/ui/runs", ctx -> {
            List<String> problems = new ArrayList<>();
            RunsView.Filter filter = RunsView.filter(ctx.queryParam("workflow"), ctx.queryParams("status"),
                    ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("size"), ctx.queryParam("offset"), problems);
            page(ctx, runs.render(filter, problems));
        });
        config.routes.get("/ui/runs/{id}", ctx -> {
            String page = run.render(ctx.pathParam("id"));
            if (page == null) {
                notFound(ctx, "There is no run " + ctx.pathParam("id") + ".");
            } else {
                page(ctx, page);
            }
        });
        config.routes.get("/ui/runs/{id}/logs.txt", ctx -> logs(ctx, baton));
        config.routes.get("/ui/schedules", ctx -> page(ctx, schedules.render()));
        config.routes.get("/ui/assets/{file}", WebUi::asset);
        config.routes.sse("/api/events", events::connect);

        post(config, actions, "/ui/runs/{id}/cancel", actions::cancel);
        post(config, actions, "/ui/runs/{id}/retry", actions::retry);
        post(config, actions, "/ui/runs/{id}/signal", actions::signal);
        post(config, actions, "/ui/workflows/{name}/start", actions::start);
        post(config, actions, "/ui/schedules/{workflow}/{schedule}/pause", ctx -> actions.pause(ctx, true));
        post(config, actions, "/ui/schedules/{workflow}/{schedule}/resume", ctx -> actions.pause(ctx, false));
        post(config, actions, "/ui/schedules/{workflow}/{schedule}/backfill", actions::backfill);
    }

    /** An action; refused when it comes from a page of another site (a form posted across origins). */
    private static void post(JavalinConfig config, UiActions actions, String path, Handler handler) {
        config.routes.post(path, ctx -> {
            try {
                String origin = ctx.header("Origin");
                if (origin != null && !origin.equals("null") && !sameHost(origin, ctx.host())) {
                    throw new UiActions.Refused(403, "actions are accepted only from this server's own pages, not from "
                            + origin);
                }
                handler.handle(ctx);
            } catch (Exception e) {
                actions.failed(e, ctx);
            }
        });
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void page(Context ctx, String html) {
        ctx.header("Cache-Control", "no-store").contentType(HTML).result(AccessPages.decorate(ctx, html));
    }

    private static void notFound(Context ctx, String message) {
        Html html = new Html();
        html.raw("<h1>Not found</h1><p class=\"error-box\">").text(message).raw("</p><p>")
                .link("/ui/runs", "all runs").raw("</p>");
        ctx.status(404).contentType(HTML).result(Page.render("Not found", null, "none", html));
    }

    /** The whole log of a run as text, read in pages of 10,000 lines and streamed. */
    private static void logs(Context ctx, Baton baton) throws IOException {
        String runId = ctx.pathParam("id");
        if (baton.findRun(runId).isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("there is no run " + runId + "\n");
            return;
        }
        ctx.contentType("text/plain; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + runId.replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".log.txt\"");
        OutputStream out = ctx.outputStream();
        long after = 0;
        try {
            while (true) {
                List<LogLine> page = baton.logs(runId, after, 10_000);
                StringBuilder text = new StringBuilder(page.size() * 80);
                for (LogLine line : page) {
                    text.append(line.at()).append(" #").append(line.seq()).append('.').append(line.attempt()).append(' ')
                            .append(line.stream()).append(' ').append(line.line()).append('\n');
                    after = line.id();
                }
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                if (page.size() < 10_000) {
                    break;
                }
            }
        } catch (RunNotFoundException e) {
            // deleted while streaming: what was written stands
        }
    }

    private static void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            ctx.status(404).result("no such asset");
            return;
        }
        try (InputStream in = WebUi.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the UI asset " + file + " is missing from the jar; rebuild baton-server");
            }
            ctx.header("Cache-Control", "max-age=300").contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
