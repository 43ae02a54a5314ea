package dev.baton.bench;

import dev.baton.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./baton bench schedules [--schedules N] [--synchronous FULL|NORMAL]}: fire lateness of N
 * one-minute schedules, first spread evenly over the minute, then all due at the same instant.
 * Each layout watches a little over a minute of real time: five seconds for the engine to settle,
 * the minute measured, and a few seconds for its last fires to start.
 */
public final class ScheduleBenchmarks {
    /** One minute: each layout's window holds each schedule's fire exactly once. */
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private ScheduleBenchmarks() {
    }

    /** @param args the options @throws Exception when a measurement fails */
    public static void main(String[] args) throws Exception {
        int schedules = 10_000;
        String synchronous = "FULL";
        Integer walAutocheckpoint = null;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            switch (list.get(i)) {
                case "--schedules" -> schedules = Integer.parseInt(list.get(++i));
                case "--synchronous" -> synchronous = list.get(++i);
                case "--wal-autocheckpoint" -> walAutocheckpoint = Integer.parseInt(list.get(++i));
                default -> {
                    System.err.println("baton bench schedules: unknown option " + list.get(i)
                            + "; options: --schedules N, --synchronous FULL|NORMAL, --wal-autocheckpoint PAGES");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("baton-bench-schedules-");
        System.out.printf(Locale.ROOT, "Schedules: %,d one-minute schedules, %s, measuring the fires due in %ds per layout,"
                        + " from %ds after the engine started%s%n",
                schedules, synchronous, WINDOW.toSeconds(), ScheduleBench.SETTLE.toSeconds(),
                walAutocheckpoint == null ? "" : ", wal_autocheckpoint=" + walAutocheckpoint);
        StoreOptions options = new StoreOptions(synchronous, walAutocheckpoint);
        ScheduleBench.Result spread;
        ScheduleBench.Result together;
        try {
            spread = ScheduleBench.run(dir.resolve("spread.db"), options, schedules, false, WINDOW);
            print("spread over the minute", spread);
            together = ScheduleBench.run(dir.resolve("together.db"), options, schedules, true, WINDOW);
            print("due at the same instant", together);
        } finally {
            Benchmarks.deleteTree(dir);
        }
        System.out.printf(Locale.ROOT, "RESULT {\"schedules\":%d,\"spreadP50Ms\":%.1f,\"spreadP99Ms\":%.1f,"
                        + "\"spreadMaxMs\":%.1f,\"spreadFiresPerSecond\":%.0f,\"togetherP50Ms\":%.1f,\"togetherP99Ms\":%.1f,"
                        + "\"togetherAllStartedMs\":%.1f,\"togetherFires\":%d}%n",
                schedules, spread.lateness().percentileMillis(50), spread.lateness().percentileMillis(99),
                spread.lastStartedMillis(), spread.firesPerSecond(), together.lateness().percentileMillis(50),
                together.lateness().percentileMillis(99), together.lastStartedMillis(), together.lateness().count());
    }

    /** The store's settings for both layouts; a null wal_autocheckpoint keeps the store's default. */
    record StoreOptions(String synchronous, Integer walAutocheckpoint) {
        StoreConfig config(Path file) {
            StoreConfig config = EngineBench.store(file, synchronous);
            return walAutocheckpoint == null ? config : config.with("wal_autocheckpoint", walAutocheckpoint.toString());
        }
    }

    private static void print(String layout, ScheduleBench.Result result) {
        System.out.printf(Locale.ROOT, "  %-24s fires %,6d  lateness p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  %,.0f fires/s%n",
                layout, result.lateness().count(), result.lateness().percentileMillis(50),
                result.lateness().percentileMillis(99), result.lastStartedMillis(), result.firesPerSecond());
        if (result.startup().count() > 0) {
            System.out.printf(Locale.ROOT, "  %-24s fires %,6d  lateness p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  (not measured above)%n",
                    "  while starting up", result.startup().count(), result.startup().percentileMillis(50),
                    result.startup().percentileMillis(99), result.startup().percentileMillis(100));
        }
    }
}
