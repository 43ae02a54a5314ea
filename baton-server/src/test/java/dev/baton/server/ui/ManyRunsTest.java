package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.server.BatonServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages read one page of runs, never all of them: with 100,000 stored runs each page still
 * answers quickly. The runs are stored, not executed (the engine is not started), which is what
 * the pages read.
 */
class ManyRunsTest {
    static final int RUNS = 100_000;

    @TempDir
    Path dir;

    @Test
    void pagesStayFastWithAHundredThousandRuns() throws Exception {
        try (Baton baton = UiSystem.builder(dir.resolve("many.db")).build();
             BatonServer server = BatonServer.start(baton, "127.0.0.1", 0)) {
            long seeding = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 100; t++) {
                    int slice = t;
                    done.add(threads.submit(() -> {
                        for (int i = slice; i < RUNS; i += 100) {
                            baton.start(i % 2 == 0 ? "Approval" : "LoadSales", "input-" + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            System.out.printf("stored %,d runs in %d ms%n", RUNS, (System.nanoTime() - seeding) / 1_000_000);
            HttpClient http = HttpClient.newHttpClient();
            String[] pages = {"", "ui/runs", "ui/runs?workflow=Approval&status=PENDING", "ui/runs?offset=50000",
                    "ui/runs?from=2000-01-01T00:00&size=500", "ui/schedules"};
            for (String page : pages) {
                get(http, server.url() + page); // warm up
                long start = System.nanoTime();
                HttpResponse<String> response = get(http, server.url() + page);
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("GET /%s: %d ms, %,d bytes%n", page, millis, response.body().length());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(millis).as("GET /" + page + " with " + RUNS + " runs").isLessThan(2_000);
            }
            long connect = System.nanoTime();
            try (SseReader events = new SseReader(server.url() + "api/events")) {
                events.await(e -> e.name().equals("hello"), java.time.Duration.ofSeconds(10));
                System.out.printf("live stream connected (first poll included) in %d ms%n",
                        (System.nanoTime() - connect) / 1_000_000);
            }
            assertThat(get(http, server.url() + "ui/runs?offset=50000").body()).contains("runs 50001–50050", "older →");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
