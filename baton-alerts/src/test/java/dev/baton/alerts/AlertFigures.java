package dev.baton.alerts;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.RunHandle;
import dev.baton.StoreConfig;
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
 * a run fails its page arrives, and what a failure storm over many workflows costs the runs, with
 * alerts on and off in alternation (each storm on a fresh store, after a warm-up storm on it).
 */
class AlertFigures {
    private static final int WORKFLOWS = 50;
    private static final int STORM = 1_000;

    @TempDir
    Path folder;

    @Test
    void printFigures() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("baton.figures"), "figures only when asked");
        int rounds = Integer.getInteger("baton.figures.rounds", 4);
        try (Loopback http = new Loopback()) {
            latency(http);
            // A warm-up round, not counted: the first storms of a JVM run slower whatever the settings.
            storm(http, true, -1);
            storm(http, false, -1);
            List<Long> on = new ArrayList<>();
            List<Long> off = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // Alternating which goes first, so that neither always runs on a warmer JVM.
                boolean onFirst = round % 2 == 0;
                for (boolean alerts : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    long ms = storm(http, alerts, round);
                    (alerts ? on : off).add(ms);
                    System.out.printf("round %d: storm of %d failed runs with alerts %s: %d ms%n", round, STORM,
                            alerts ? "on " : "off", ms);
                }
            }
            System.out.printf("storm with alerts on: %s ms (median %d); off: %s ms (median %d); ratio of medians on/off %.2f%n",
                    on, median(on), off, median(off), (double) median(on) / median(off));
            List<String> ratios = new ArrayList<>();
            for (int i = 0; i < on.size(); i++) {
                ratios.add(String.format("%.2f", (double) on.get(i) / off.get(i)));
            }
            System.out.println("per round on/off: " + ratios);
        }
    }

    private void latency(Loopback http) throws Exception {
        var alerts = AlertApp.fastAlerts().checkEvery(Duration.ofMillis(100))
                .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build();
        var builder = AlertApp.builder(folder.resolve("latency.db"), alerts);
        for (int w = 0; w < WORKFLOWS; w++) {
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
        }
    }

    /** What the store's single writer did: transactions, writes, time spent applying them. */
    private record Writer(long transactions, long writes, double busyMillis) {
        static Writer of(io.micrometer.core.instrument.MeterRegistry meters) {
            var time = meters.find("baton.store.batch.duration").timer();
            var writes = meters.find("baton.store.batch.writes").summary();
            return new Writer(time == null ? 0 : time.count(), writes == null ? 0 : (long) writes.totalAmount(),
                    time == null ? 0 : time.totalTime(java.util.concurrent.TimeUnit.MICROSECONDS) / 1000.0);
        }

        Writer minus(Writer before) {
            return new Writer(transactions - before.transactions, writes - before.writes, busyMillis - before.busyMillis);
        }

        @Override
        public String toString() {
            return String.format("%d transactions, %d writes, %.0f ms applying them", transactions, writes, busyMillis);
        }
    }

    /** @return how long {@value #STORM} failing runs over {@value #WORKFLOWS} workflows took, in ms */
    private long storm(Loopback http, boolean alerts, int round) {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        String path = "/storm" + (round + 1) + (alerts ? "on" : "off");
        BatonBuilder builder;
        if (alerts) {
            builder = AlertApp.builder(folder.resolve("storm-" + (round + 1) + "-on.db"), AlertApp.fastAlerts()
                    .checkEvery(Duration.ofMillis(100)).channel("pager", AlertChannel.pagerDuty("KEY")
                            .eventsUrl(http.url(path))).build());
        } else {
            builder = Baton.builder().store(StoreConfig.sqlite(folder.resolve("storm-" + (round + 1) + "-off.db")))
                    .workerId("alert-test").pollInterval(Duration.ofMillis(20));
        }
        builder.meterRegistry(meters);
        for (int w = 0; w < WORKFLOWS; w++) {
            builder.workflow(AlertApp.load().withName("Load" + w));
        }
        try (Baton baton = builder.build()) {
            baton.start();
            runAll(baton, 200); // warm-up: opens an incident per workflow, as a storm in progress would have
            if (alerts) {
                await("warm-up counted", () -> baton.alerts(1_000).stream().mapToInt(i -> i.count()).sum() == 200);
            }
            Writer before = Writer.of(meters);
            long start = System.nanoTime();
            runAll(baton, STORM);
            long ms = (System.nanoTime() - start) / 1_000_000;
            Writer during = Writer.of(meters).minus(before);
            if (alerts) {
                long ended = System.nanoTime();
                await("all counted", () -> baton.alerts(1_000).stream().mapToInt(i -> i.count()).sum() == 200 + STORM);
                System.out.printf("  all counted %d ms after the last run ended; pages sent: %d%n",
                        (System.nanoTime() - ended) / 1_000_000, http.at(path).size());
            }
            System.out.printf("  writer during the storm (alerts %s): %s%n", alerts ? "on" : "off", during);
            if (round == 0) {
                if (alerts) {
                    await("every delivery settled", () -> AlertApp.allSettled(baton));
                }
                Writer idleFrom = Writer.of(meters);
                sleep(2_000);
                System.out.printf("  writer over 2 s with nothing happening (alerts %s, checkEvery 100 ms, "
                        + "pollInterval 20 ms): %s%n", alerts ? "on" : "off", Writer.of(meters).minus(idleFrom));
            }
            return ms;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void runAll(Baton baton, int count) {
        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(baton.start("Load" + (i % WORKFLOWS), "fail"));
        }
        runs.forEach(r -> r.await(Duration.ofSeconds(120)));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
