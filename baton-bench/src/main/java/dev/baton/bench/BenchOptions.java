package dev.baton.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's settings, parsed from the command line.
 *
 * @param runs        concurrent runs of the throughput workflow
 * @param steps       trivial durable steps per run
 * @param chain       hand-overs in the chain-latency measure
 * @param batch       rows per transaction in the JDBC baseline
 * @param dir         the folder under which the fresh database files are created
 * @param synchronous SQLite's {@code synchronous} setting, {@code FULL} or {@code NORMAL}
 * @param warmup      whether to run a short untimed round first
 * @param keep        whether to keep the database files afterwards
 */
public record BenchOptions(int runs, int steps, int chain, int batch, Path dir, String synchronous,
                           boolean warmup, boolean keep) {

    /** Default concurrent runs: 1,000. */
    public static final int DEFAULT_RUNS = 1_000;
    /** Default steps per run: 100. */
    public static final int DEFAULT_STEPS = 100;
    /** Default hand-overs in the chain: 2,000. */
    public static final int DEFAULT_CHAIN = 2_000;
    /** Default SQLite synchronous setting: FULL, the store's own default. */
    public static final String DEFAULT_SYNCHRONOUS = "FULL";

    /** The usage text. */
    public static final String USAGE = """
            Usage: baton bench [options]
              --runs N                concurrent runs (default 1000)
              --steps M               trivial durable steps per run (default 100)
              --chain K               hand-overs for the chain latency (default 2000)
              --batch B               rows per transaction in the JDBC baseline (default: --runs, at most 8192)
              --dir PATH              folder for the temporary database files (default: the system temp folder)
              --synchronous FULL|NORMAL  SQLite synchronous setting for engine and baseline (default FULL)
              --no-warmup             skip the untimed warm-up round
              --keep                  keep the database files afterwards
              --help                  print this text
            ./baton bench schedules [--schedules N] [--synchronous FULL|NORMAL]
                                      fire lateness of N one-minute schedules (default 10000), spread over
                                      the minute and all due at once; about two and a half minutes
            ./baton bench server [--runs N] [--requests N]
                                      latency of the JSON API over a store of N runs (default 100000):
                                      run list pages, filters, deep pages, the workflow catalog
            """;

    /** Validates the fields. */
    public BenchOptions {
        requireAtLeast(runs, 1, "--runs");
        requireAtLeast(steps, 1, "--steps");
        requireAtLeast(chain, 1, "--chain");
        requireAtLeast(batch, 1, "--batch");
        synchronous = synchronous.toUpperCase(Locale.ROOT);
        if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new IllegalArgumentException("--synchronous must be FULL or NORMAL, was '" + synchronous + "'");
        }
    }

    /**
     * @param args the command line
     * @return the options, or null when {@code --help} was asked for
     * @throws IllegalArgumentException with a message naming the bad option
     */
    public static BenchOptions parse(List<String> args) {
        int runs = DEFAULT_RUNS;
        int steps = DEFAULT_STEPS;
        int chain = DEFAULT_CHAIN;
        Integer batch = null;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        String synchronous = DEFAULT_SYNCHRONOUS;
        boolean warmup = true;
        boolean keep = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-warmup" -> warmup = false;
                case "--keep" -> keep = true;
                case "--runs", "--steps", "--chain", "--batch", "--dir", "--synchronous" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--runs" -> runs = parseCount(name, value);
                        case "--steps" -> steps = parseCount(name, value);
                        case "--chain" -> chain = parseCount(name, value);
                        case "--batch" -> batch = parseCount(name, value);
                        case "--dir" -> dir = Path.of(value);
                        default -> synchronous = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new BenchOptions(runs, steps, chain, batch != null ? batch : Math.min(runs, 8_192), dir,
                synchronous, warmup, keep);
    }

    private static int parseCount(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static void requireAtLeast(int value, int min, String option) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", was " + value);
        }
    }
}
