package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./baton bench server [--runs N] [--requests N]}: the JSON API's latency over a store of N
 * runs (100,000 by default): the run list's first page, filtered, and deep pages, and the workflow
 * catalog, each timed over real HTTP on loopback.
 */
public final class ServerBenchmarks {
    private ServerBenchmarks() {
    }

    /** @param args the options @throws Exception when a measurement fails */
    public static void main(String[] args) throws Exception {
        int runs = 100_000;
        int requests = 100;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            switch (list.get(i)) {
                case "--runs" -> runs = Integer.parseInt(list.get(++i));
                case "--requests" -> requests = Integer.parseInt(list.get(++i));
                default -> {
                    System.err.println("baton bench server: unknown option " + list.get(i)
                            + "; options: --runs N (default 100000), --requests N (default 100)");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("baton-bench-server-");
        try {
            System.out.printf(Locale.ROOT, "Server: %,d runs of %d workflows, %d timed requests per kind%n",
                    runs, ServerBench.WORKFLOWS, requests);
            ServerBench.Result result = ServerBench.run(dir.resolve("server.db"), runs, requests);
            System.out.printf(Locale.ROOT, "  stored %,d runs in %,d ms%n", runs, result.fillMillis());
            StringBuilder json = new StringBuilder("RESULT {\"runs\":").append(runs);
            for (ServerBench.Timing t : result.timings()) {
                System.out.printf(Locale.ROOT, "  %-40s p50 %7.2f ms  p99 %7.2f ms  (%,d bytes)  GET %s%n", t.name(),
                        t.latency().percentileMillis(50), t.latency().percentileMillis(99), t.bytes(), t.path());
                json.append(String.format(Locale.ROOT, ",\"%s\":{\"p50Ms\":%.2f,\"p99Ms\":%.2f}", t.name(),
                        t.latency().percentileMillis(50), t.latency().percentileMillis(99)));
            }
            System.out.println(json.append('}'));
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // a temporary file left behind
                    }
                });
            }
        }
    }
}
