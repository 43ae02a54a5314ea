package dev.baton.alerts;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.alerts.AlertApp.await;

/**
 * Prints figures, asserts none; runs only when asked ({@code -Dbaton.figures=true}): how long after
 * a run fails its page arrives, and what a failure storm over many workflows costs the evaluator.
 */
class AlertFigures {
    @TempDir
    Path folder;

    @Test
    void printFigures() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("baton.figures"), "figures only when asked");
        try (Loopback http = new Loopback()) {
            var alerts = AlertApp.fastAlerts().checkEvery(Duration.ofMillis(100))
                    .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build();
            var builder = AlertApp.builder(folder.resolve("baton.db"), alerts);
            int workflows = 50;
            for (int w = 0; w < workflows; w++) {
                builder.workflow(AlertApp.load().withName("Load" + w));
            }
            try (Baton baton = builder.build()) {
                baton.start();
                // Latency: one failure at a time, from the run's end to the page's arrival.
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int before = http.at("/pd").size();
                    RunHandle run = baton.start("Load" + i, "fail");
                    run.await(Duration.ofSeconds(30));
                    long ended = baton.findRun(run.runId()).orElseThrow().endedAt().toEpochMilli();
                    await("page " + i, () -> http.at("/pd").size() > before);
                    latencies.add(System.currentTimeMillis() - ended);
                }
                latencies.sort(null);
                System.out.printf("alert latency, run end -> page received (checkEvery 100 ms): p50 %d ms, max %d ms%n",
                        latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));

                // Storm: 1000 failures over 50 workflows; time until every one is counted.
                long start = System.nanoTime();
                List<RunHandle> runs = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    runs.add(baton.start("Load" + (i % workflows), "fail"));
                }
                runs.forEach(r -> r.await(Duration.ofSeconds(120)));
                long runsDone = System.nanoTime();
                await("all counted", () -> baton.alerts(1_000).stream().mapToInt(i -> i.count()).sum() == 1_020);
                long counted = System.nanoTime();
                await("all sent", () -> AlertApp.allSettled(baton));
                System.out.printf("storm: 1000 failed runs over %d workflows ran in %d ms; all counted %d ms after "
                                + "the last run ended; pages sent in total: %d (one per workflow, throttled)%n",
                        workflows, (runsDone - start) / 1_000_000, (counted - runsDone) / 1_000_000, http.at("/pd").size());
            }
            // The same storm without alerts, for comparison: what the alerts cost the runs.
            var plain = dev.baton.Baton.builder().store(dev.baton.StoreConfig.sqlite(folder.resolve("plain.db")))
                    .workerId("plain").pollInterval(Duration.ofMillis(20));
            for (int w = 0; w < workflows; w++) {
                plain.workflow(AlertApp.load().withName("Load" + w));
            }
            try (Baton baton = plain.build()) {
                baton.start();
                long start = System.nanoTime();
                List<RunHandle> runs = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    runs.add(baton.start("Load" + (i % workflows), "fail"));
                }
                runs.forEach(r -> r.await(Duration.ofSeconds(120)));
                System.out.printf("the same storm without alerts ran in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
