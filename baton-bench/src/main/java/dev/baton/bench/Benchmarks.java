package dev.baton.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmark command ({@code baton bench}): engine throughput and latencies against a plain
 * JDBC baseline, measured in one process on fresh SQLite files in one folder. See
 * {@code docs/benchmarks.md} for what each figure means.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * @param args see {@link BenchOptions#USAGE}
     * @throws Exception when a measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("schedules")) {
            ScheduleBenchmarks.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("server")) {
            ServerBenchmarks.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("baton bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        Report report = run(options);
        report.print(System.out);
    }

    /**
     * Runs the whole benchmark: an untimed warm-up (unless disabled), then the engine's
     * throughput, its chain latency and the JDBC baseline, each on a fresh file.
     *
     * @param options the settings
     * @return the figures
     * @throws Exception when a measurement fails
     */
    static Report run(BenchOptions options) throws Exception {
        Files.createDirectories(options.dir());
        Path root = Files.createTempDirectory(options.dir(), "baton-bench-");
        String sync = options.synchronous();
        try {
            System.out.printf("Files in %s%n", root);
            if (options.warmup()) {
                System.out.print("Warming up (untimed) ... ");
                System.out.flush();
                // Large enough for the JIT to compile the step, start and hand-over paths fully (a
                // round of 4,000 steps left the timed one partly in interpreted and C1 code, and its
                // figure 20-40% below a long run's).
                int runs = Math.min(options.runs(), 1_000);
                int steps = Math.min(options.steps(), 100);
                EngineBench.run(root.resolve("warmup-engine.db"), sync, runs, steps);
                ChainBench.run(root.resolve("warmup-chain.db"), sync, Math.min(options.chain(), 500));
                LockBench.run(root.resolve("warmup-locks.db"), sync, Math.min(options.chain(), 500));
                BaselineBench.run(root.resolve("warmup-baseline.db"), sync, runs, steps, Math.min(options.batch(), runs));
                System.out.println("done");
            }

            System.out.printf("Engine: %,d runs x %,d steps ... ", options.runs(), options.steps());
            System.out.flush();
            System.gc();
            EngineBench.Result engine = EngineBench.run(root.resolve("engine.db"), sync, options.runs(), options.steps());
            System.out.println("done");

            System.out.printf("Chain: %,d hand-overs ... ", options.chain());
            System.out.flush();
            System.gc();
            ChainBench.Result chain = ChainBench.run(root.resolve("chain.db"), sync, options.chain());
            System.out.println("done");

            System.out.printf("Locks: %,d hand-overs ... ", options.chain());
            System.out.flush();
            System.gc();
            Latencies lockHandOver = LockBench.run(root.resolve("locks.db"), sync, options.chain());
            System.out.println("done");

            System.out.printf("Baseline: %,d rows ... ", (long) options.runs() * options.steps());
            System.out.flush();
            System.gc();
            BaselineBench.Result baseline = BaselineBench.run(root.resolve("baseline.db"), sync,
                    options.runs(), options.steps(), options.batch());
            System.out.println("done");
            System.out.println();

            return new Report(options, LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version().toString(), engine, chain, lockHandOver, baseline);
        } finally {
            if (options.keep()) {
                System.out.println("Kept the database files in " + root);
            } else {
                deleteTree(root);
            }
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
