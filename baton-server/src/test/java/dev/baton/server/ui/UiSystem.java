package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.Overlap;
import dev.baton.RunStatus;
import dev.baton.Retry;
import dev.baton.Schedule;
import dev.baton.StepContext;
import dev.baton.StepOptions;
import dev.baton.StoreConfig;
import dev.baton.Trigger;
import dev.baton.WorkflowDefinition;
import dev.baton.server.BatonServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A real engine on a real SQLite file behind a real server on loopback, with runs in every state
 * the pages show: completed, failed, waiting, cancelled, and one started by a schedule.
 */
final class UiSystem implements AutoCloseable {
    /** A workflow input and a log line that hold markup; the pages must show them as text. */
    static final String HOSTILE = "<script>window.__pwned=1</script><b>bold</b>";
    static final String FAILURE = "disk full on /data <i>really</i>";

    final Path db;
    final LiveEvents live = new LiveEvents();
    final Baton baton;
    final BatonServer server;
    final HttpClient http = HttpClient.newHttpClient();
    String completed;
    String failed;
    String waiting;
    String waitingToCancel;
    String cancelled;

    UiSystem(Path dir) {
        this(dir, dev.baton.server.ServerSecurity.defaults());
    }

    /** @param security whether the server asks for logins */
    UiSystem(Path dir, dev.baton.server.ServerSecurity security) {
        this.db = dir.resolve("baton.db");
        this.baton = builder(db).listener(live).build();
        baton.start();
        this.server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, live, security);
    }

    /** The declarations, so that a second engine on the same file (another process of a cluster) can share them. */
    static dev.baton.BatonBuilder builder(Path db) {
        return Baton.builder().store(StoreConfig.sqlite(db)).pollInterval(Duration.ofMillis(50))
                .lock("warehouse").pool("exports", 3)
                .workflow(WorkflowDefinition.of("LoadSales", String.class, (flow, input) -> {
                            int rows = flow.step("extract", () -> {
                                StepContext.current().log("log", "reading sales for " + input);
                                StepContext.current().log("stdout", "row count: 42 " + HOSTILE);
                                return 42;
                            });
                            flow.step("load", () -> rows * 2);
                            return "loaded " + rows;
                        }).withDescription("Loads the day's sales into the warehouse.").withOwner("team-data")
                        .withRunbook("https://wiki.example.com/runbooks/load-sales").withLocks("warehouse"))
                .workflow(WorkflowDefinition.of("PublishReport", String.class, (flow, input) ->
                                flow.step("publish", () -> "published " + input))
                        .withDescription("Publishes the report after each load.").withOwner("team-reports")
                        .withLocks("exports"), Trigger.after("LoadSales"))
                .workflow(WorkflowDefinition.of("Explode", String.class, (flow, input) -> {
                    flow.step("connect", () -> {
                        StepContext.current().log("stderr", "connecting to " + input);
                        return "ok";
                    });
                    return flow.step("fetch", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(50))), () -> {
                        StepContext.current().log("stderr", "fetch failed: " + FAILURE);
                        throw new IllegalStateException(FAILURE);
                    });
                }).withDescription("Always fails, twice.").withLocks("warehouse"))
                .workflow(WorkflowDefinition.of("Heartbeat", String.class, (flow, input) -> {
                            flow.step("beat", () -> "beat at " + flow.logicalTime());
                            flow.sleep(Duration.ofSeconds(4));
                            return "ok";
                        }).withDescription("Beats every 3 s and takes 4 s: every other fire is skipped."),
                        Schedule.every(Duration.ofSeconds(3)).overlap(Overlap.SKIP).id("beat"))
                .workflow(WorkflowDefinition.of("Approval", String.class, (flow, input) -> {
                    flow.step("prepare", () -> "notes for " + input);
                    boolean approved = flow.awaitSignal("approve", Boolean.class, Duration.ofDays(1)).orElse(false);
                    return flow.step("publish", () -> approved ? "published " + input : "discarded " + input);
                }).withDescription("Waits for a person's approval.").withOwner("team-release"));
    }

    /** Starts the runs the tests look at and waits until each is where it should be. */
    UiSystem withRuns() throws InterruptedException {
        completed = baton.startJson("LoadSales", json(HOSTILE), dev.baton.StartOptions.defaults()).runId();
        failed = baton.start("Explode", "db-1").runId();
        waiting = baton.start("Approval", "1.4.0").runId();
        waitingToCancel = baton.start("Approval", "1.5.0").runId();
        cancelled = baton.start("Approval", "0.9.0").runId();
        awaitStatus(completed, RunStatus.COMPLETED::equals);
        awaitStatus(failed, RunStatus.FAILED::equals);
        awaitStatus(waiting, RunStatus.WAITING::equals);
        awaitStatus(waitingToCancel, RunStatus.WAITING::equals);
        awaitStatus(cancelled, RunStatus.WAITING::equals);
        baton.cancel(cancelled);
        awaitStatus(cancelled, RunStatus.CANCELLED::equals);
        return this;
    }

    RunInfo awaitStatus(String runId, Predicate<RunStatus> wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        RunInfo run = null;
        while (System.currentTimeMillis() < deadline) {
            run = baton.findRun(runId).orElseThrow();
            if (wanted.test(run.status())) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + runId + " did not reach the wanted state in 20 s; it is " + run);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form as the UI's pages do: with the CSRF token every page's forms carry. */
    HttpResponse<String> post(String path, String form, boolean fromScript) throws Exception {
        String token = "_csrf=" + java.net.URLEncoder.encode(csrfToken(), java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.isEmpty() ? token : form + "&" + token));
        if (fromScript) {
            request.header("X-Requested-With", "baton-ui");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the CSRF token in the forms of the catalog page */
    String csrfToken() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(get("/").body());
        if (!m.find()) {
            throw new AssertionError("the catalog page has no form with a CSRF token");
        }
        return m.group(1);
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.close();
        baton.close();
    }

    /** @return the newest run started by Heartbeat's schedule */
    String scheduled() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            var fires = baton.fires("Heartbeat", "beat", 10).stream().filter(f -> f.runId() != null).toList();
            if (!fires.isEmpty()) {
                return fires.get(0).runId();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the schedule of Heartbeat recorded no started fire in 20 s: "
                + baton.fires("Heartbeat", "beat", 10));
    }

    /** Waits until Heartbeat's schedule recorded a fire with this outcome. */
    void awaitFire(dev.baton.ScheduleFire.Outcome outcome) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (baton.fires("Heartbeat", "beat", 20).stream().anyMatch(f -> f.outcome() == outcome)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + outcome + " fire of Heartbeat in 20 s: " + baton.fires("Heartbeat", "beat", 20));
    }
}
