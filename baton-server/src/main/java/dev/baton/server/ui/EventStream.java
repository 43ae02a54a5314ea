package dev.baton.server.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunEvent;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.ScheduleInfo;
import dev.baton.alert.AlertIncident;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code GET /api/events}: server-sent events that say which run or schedule changed, so that
 * open pages re-render the parts that did.
 *
 * <p>Correct in a cluster: the engine's listeners only see runs executing in this process, so the
 * stream polls the store every {@link #POLL_MILLIS} ms for what changed anywhere — the runs
 * running or waiting (an indexed query on their state, at most {@link #MAX_IN_FLIGHT}) and the
 * newest runs — and compares each run's state, last change and wait with the previous poll. A run
 * that left that set is read once more to report how it ended. Runs executing here are also reported at once
 * through {@link LiveEvents}, coalesced per run every {@link #FLUSH_MILLIS} ms. Polling happens
 * only while someone listens.
 *
 * <p>Events: {@code run} with {@code {"runId","workflow","status","origin"}}, {@code schedule}
 * with {@code {"workflow","scheduleId","paused"}}, and {@code alert} with
 * {@code {"incidents","failedDeliveries"}} when an alert incident or one of its deliveries changed
 * (a delivery attempted, sent, failed; deliveries progress without any run changing, so the
 * Alerts page needs this event of its own). Every write to the clients happens on one thread.
 */
final class EventStream implements AutoCloseable {
    static final long POLL_MILLIS = 300;
    static final long FLUSH_MILLIS = 100;
    private static final long HEARTBEAT_MILLIS = 15_000;
    /** The newest runs compared at each poll, so that runs that start and end between two polls are seen. */
    private static final int NEWEST = 100;
    /**
     * The states whose runs are compared one by one. PENDING is left out: a backlog of queued runs
     * can be large, and a queued run shows up anyway when it is created (among the newest) and when
     * a worker claims it (it turns RUNNING).
     */
    private static final Set<RunStatus> IN_FLIGHT = EnumSet.of(RunStatus.RUNNING, RunStatus.WAITING);
    /** The most in-flight runs compared at each poll. */
    private static final int MAX_IN_FLIGHT = 10_000;
    /** As many incidents as the Alerts page shows. */
    static final int ALERTS_SHOWN = 200;
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final Baton baton;
    private final ObjectMapper json;
    private final LiveEvents local;
    /** Whether a client's credentials still let it read: a revoked token or an ended login ends its stream. */
    private final Predicate<Context> stillAllowed;
    private final Consumer<RunEvent> localSubscriber = this::onLocal;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, RunEvent> pendingLocal = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-ui-events");
        t.setDaemon(true);
        return t;
    });
    /** The previous poll: run id to fingerprint; null until the first poll after a client connects. */
    private Map<String, String> runs;
    private Map<String, String> schedules;
    /** The previous poll's alert incidents and deliveries, as one fingerprint; null until the first poll. */
    private String alerts;
    private long lastHeartbeat = System.currentTimeMillis();

    EventStream(Baton baton, ObjectMapper json, LiveEvents local, Predicate<Context> stillAllowed) {
        this.stillAllowed = stillAllowed;
        this.baton = baton;
        this.json = json;
        this.local = local;
        if (local != null) {
            local.subscribe(localSubscriber);
        }
        thread.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::flushLocal, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Registers a browser (or any client) on the stream. */
    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        thread.execute(() -> {
            if (clients.isEmpty()) {
                // The first listener: take the state now, so that every change after "hello" is reported.
                try {
                    pollRuns();
                    pollSchedules();
                    pollAlerts();
                } catch (RuntimeException e) {
                    log.debug("live event baseline failed: {}", e.toString());
                }
            }
            clients.add(client);
            client.sendEvent("hello", "{\"pollMillis\":" + POLL_MILLIS + "}");
        });
    }

    /** Reports a change this server made itself (an action from the UI), without waiting for the poll. */
    void changed(String runId) {
        thread.execute(() -> baton.findRun(runId).ifPresent(run -> send("run", runEvent(run, "action"))));
    }

    private void onLocal(RunEvent event) {
        pendingLocal.put(event.runId(), event);
    }

    private void flushLocal() {
        if (pendingLocal.isEmpty()) {
            return;
        }
        Map<String, RunEvent> batch = new HashMap<>(pendingLocal);
        batch.forEach((runId, event) -> pendingLocal.remove(runId, event));
        if (clients.isEmpty()) {
            return;
        }
        for (RunEvent event : batch.values()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("runId", event.runId());
            data.put("workflow", event.workflow());
            data.put("status", statusOf(event.type()));
            data.put("origin", "local");
            send("run", data);
        }
    }

    private void poll() {
        try {
            if (clients.isEmpty()) {
                runs = null;
                schedules = null;
                alerts = null;
                return;
            }
            pollRuns();
            pollSchedules();
            pollAlerts();
            long now = System.currentTimeMillis();
            if (now - lastHeartbeat >= HEARTBEAT_MILLIS) {
                lastHeartbeat = now;
                for (SseClient client : clients) {
                    if (!stillAllowed.test(client.ctx())) {
                        clients.remove(client);
                        client.close();
                        continue;
                    }
                    client.sendComment("heartbeat");
                    if (client.terminated()) {
                        clients.remove(client);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The store may be briefly unavailable; the next poll tries again.
            log.debug("live event poll failed: {}", e.toString());
        }
    }

    private void pollRuns() {
        Map<String, RunInfo> seen = new LinkedHashMap<>();
        for (RunInfo run : baton.runs(new RunQuery(null, IN_FLIGHT, null, null, MAX_IN_FLIGHT, 0))) {
            seen.put(run.id(), run);
        }
        for (RunInfo run : baton.runs(RunQuery.all().withLimit(NEWEST))) {
            seen.putIfAbsent(run.id(), run);
        }
        Map<String, String> current = new HashMap<>(seen.size() * 2);
        seen.forEach((id, run) -> current.put(id, fingerprint(run)));
        Map<String, String> previous = runs;
        runs = current;
        if (previous == null) {
            return;
        }
        current.forEach((id, print) -> {
            if (!print.equals(previous.get(id))) {
                send("run", runEvent(seen.get(id), "store"));
            }
        });
        for (String id : previous.keySet()) {
            if (!current.containsKey(id)) {
                // It left the in-flight set and is no longer among the newest: it ended (or was claimed).
                baton.findRun(id).ifPresent(run -> send("run", runEvent(run, "store")));
            }
        }
    }

    private void pollSchedules() {
        Map<String, String> current = new HashMap<>();
        Map<String, ScheduleInfo> byKey = new HashMap<>();
        for (ScheduleInfo s : baton.schedules()) {
            String key = s.workflow() + "\u0000" + s.id();
            current.put(key, s.paused() + "|" + s.nextFire() + "|" + s.lastFire());
            byKey.put(key, s);
        }
        Map<String, String> previous = schedules;
        schedules = current;
        if (previous == null) {
            return;
        }
        current.forEach((key, print) -> {
            if (!print.equals(previous.get(key))) {
                ScheduleInfo s = byKey.get(key);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("workflow", s.workflow());
                data.put("scheduleId", s.id());
                data.put("paused", s.paused());
                send("schedule", data);
            }
        });
    }

    /** The newest incidents that the Alerts page shows, compared by their state and their deliveries'. */
    private void pollAlerts() {
        List<AlertIncident> incidents = baton.alerts(ALERTS_SHOWN);
        StringBuilder print = new StringBuilder();
        int failed = 0;
        for (AlertIncident i : incidents) {
            print.append(i.id()).append(i.open()).append(i.count()).append('|');
            for (AlertIncident.Delivery d : i.deliveries()) {
                print.append(d.id()).append(d.status()).append(d.attempts()).append(',');
                if (d.status().equals("FAILED")) {
                    failed++;
                }
            }
            print.append(';');
        }
        String current = print.toString();
        String previous = alerts;
        alerts = current;
        if (previous != null && !previous.equals(current)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("incidents", incidents.size());
            data.put("failedDeliveries", failed);
            send("alert", data);
        }
    }

    private static String fingerprint(RunInfo run) {
        return run.status() + "|" + run.updatedAt() + "|" + run.waitingFor() + "|" + run.cancelRequested();
    }

    private static Map<String, Object> runEvent(RunInfo run, String origin) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", run.id());
        data.put("workflow", run.workflow());
        data.put("status", run.status().name());
        data.put("origin", origin);
        return data;
    }

    private static String statusOf(RunEvent.Type type) {
        return switch (type) {
            case RUN_COMPLETED -> "COMPLETED";
            case RUN_FAILED -> "FAILED";
            case RUN_CANCELLED -> "CANCELLED";
            case RUN_SKIPPED -> "SKIPPED";
            case RUN_WAITING -> "WAITING";
            default -> "RUNNING";
        };
    }

    /** Writes one event to every client; runs on the stream's thread only. */
    private void send(String name, Map<String, Object> data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write live event " + data, e);
        }
        for (SseClient client : clients) {
            try {
                client.sendEvent(name, text);
            } catch (RuntimeException e) {
                clients.remove(client);
            }
            if (client.terminated()) {
                clients.remove(client);
            }
        }
    }

    @Override
    public void close() {
        if (local != null) {
            local.unsubscribe(localSubscriber);
        }
        thread.shutdownNow();
        for (SseClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        clients.clear();
    }
}
