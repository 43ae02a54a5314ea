package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.StoreProvider;
import dev.baton.engine.store.Write;
import dev.baton.server.BatonServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

/**
 * The JSON API over a large store: fills a SQLite file with finished runs of many workflows
 * through the store's own batched writes, starts an engine and a server on it, and times
 * requests over real HTTP on loopback, one at a time.
 */
final class ServerBench {
    /** How many workflows the runs belong to, and the engine registers. */
    static final int WORKFLOWS = 20;
    private static final int INSERT_BATCH = 2_000;
    private static final Duration HISTORY = Duration.ofDays(30);

    private ServerBench() {
    }

    /**
     * @param name     what was asked, e.g. "first page"
     * @param path     the request's path and query
     * @param bytes    the answer's size
     * @param latency  the latencies of the timed requests
     */
    record Timing(String name, String path, int bytes, Latencies latency) {
    }

    /**
     * @param fillMillis how long the fill took
     * @param timings    one per request kind, in order
     */
    record Result(long fillMillis, List<Timing> timings) {
    }

    static String workflowName(int i) {
        return String.format("Job%02d", i);
    }

    /**
     * @param file     a SQLite file that does not exist yet
     * @param runs     how many runs to store
     * @param requests timed requests per kind (after as many untimed ones)
     * @return the figures
     */
    static Result run(Path file, int runs, int requests) throws Exception {
        long fillStart = System.nanoTime();
        fill(file, runs);
        long fillMillis = (System.nanoTime() - fillStart) / 1_000_000;

        BatonBuilder builder = Baton.builder().store(StoreConfig.sqlite(file));
        for (int i = 0; i < WORKFLOWS; i++) {
            builder.workflow(WorkflowDefinition.of(workflowName(i), String.class, (flow, input) -> input)
                    .withDescription("A benchmark workflow that returns its input."));
        }
        Map<String, String> requestsByName = new LinkedHashMap<>();
        Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
        requestsByName.put("runs, first page (50)", "/api/runs");
        requestsByName.put("runs of one workflow and status", "/api/runs?workflow=" + workflowName(7) + "&status=FAILED");
        requestsByName.put("runs of two states in the last 7 days", "/api/runs?status=FAILED,CANCELLED&createdAfter=" + weekAgo);
        requestsByName.put("runs, deep page (offset " + (runs - runs / 10) + ")", "/api/runs?offset=" + (runs - runs / 10));
        requestsByName.put("runs of one workflow, deep page", "/api/runs?workflow=" + workflowName(3) + "&offset="
                + (runs / WORKFLOWS - runs / WORKFLOWS / 10));
        requestsByName.put("workflow catalog", "/api/workflows");

        List<Timing> timings = new ArrayList<>();
        try (Baton baton = builder.build()) {
            baton.start();
            try (BatonServer server = BatonServer.start(baton, "127.0.0.1", 0)) {
                HttpClient http = HttpClient.newHttpClient();
                String base = server.url().substring(0, server.url().length() - 1);
                for (Map.Entry<String, String> entry : requestsByName.entrySet()) {
                    timings.add(time(http, entry.getKey(), base, entry.getValue(), requests));
                }
            }
        }
        return new Result(fillMillis, timings);
    }

    private static Timing time(HttpClient http, String name, String base, String path, int requests)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        int bytes = 0;
        for (int i = 0; i < requests; i++) { // untimed: JIT, page cache, connection
            bytes = check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), path).length;
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), path);
            nanos[i] = System.nanoTime() - start;
        }
        return new Timing(name, path, bytes, new Latencies(nanos));
    }

    private static byte[] check(HttpResponse<byte[]> response, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * Stores {@code runs} finished runs (and a few waiting for a signal), created over the last 30
     * days, spread evenly over the workflows: 80% COMPLETED, 12% FAILED, 6% CANCELLED, 2% WAITING.
     */
    static void fill(Path file, int runs) {
        StoreProvider provider = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.kind().equals("sqlite")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SQLite store on the class path"));
        SplittableRandom random = new SplittableRandom(42);
        long now = System.currentTimeMillis();
        long span = HISTORY.toMillis();
        String error = "{\"type\":\"java.io.IOException\",\"message\":\"the warehouse did not answer\","
                + "\"stackTrace\":\"java.io.IOException: the warehouse did not answer\",\"types\":[\"java.io.IOException\"]}";
        try (Store store = provider.open(StoreConfig.sqlite(file))) {
            List<Write> batch = new ArrayList<>(INSERT_BATCH);
            for (int i = 0; i < runs; i++) {
                long created = now - span + (span * i / runs);
                int roll = random.nextInt(100);
                RunStatus status = roll < 80 ? RunStatus.COMPLETED : roll < 92 ? RunStatus.FAILED
                        : roll < 98 ? RunStatus.CANCELLED : RunStatus.WAITING;
                boolean ended = status != RunStatus.WAITING;
                long ends = created + 1_000 + random.nextInt(60_000);
                batch.add(new Write.CreateRun(new RunRow(String.format("bench-%07d", i), workflowName(i % WORKFLOWS),
                        status, "\"input " + i + "\"", status == RunStatus.COMPLETED ? "\"output " + i + "\"" : null,
                        status == RunStatus.COMPLETED ? "java.lang.String" : null,
                        status == RunStatus.FAILED ? error : null, null, null, 0, null, 0, null,
                        status == RunStatus.WAITING ? "signal 'approve'" : null, false, created, created,
                        ended ? ends : null, ended ? ends : created)));
                if (batch.size() == INSERT_BATCH) {
                    store.apply(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                store.apply(batch);
            }
        }
    }
}
