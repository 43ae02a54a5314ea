package dev.baton.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark, printed as an aligned table for people and as one
 * {@code RESULT {json}} line for scripts.
 *
 * @param options  the settings
 * @param date     the day it ran
 * @param cpus     available processors
 * @param jdk      the Java runtime's version
 * @param engine   engine throughput and start latency
 * @param chain    hand-over latencies, and single-start latencies on an idle engine
 * @param lockHandOver lock hand-over latencies: one holder's end to the next holder's start
 * @param baseline plain JDBC inserts
 */
record Report(BenchOptions options, LocalDate date, int cpus, String jdk, EngineBench.Result engine,
              ChainBench.Result chain, Latencies lockHandOver, BaselineBench.Result baseline) {

    /** The throughput target, in durable steps per second on a 2-core machine. */
    static final double TARGET_STEPS_PER_SECOND = 50_000;

    double ratio() {
        return engine.stepsPerSecond() / baseline.rowsPerSecond();
    }

    boolean targetMet() {
        return engine.stepsPerSecond() >= TARGET_STEPS_PER_SECOND;
    }

    String verdict() {
        if (targetMet()) {
            return String.format(Locale.ROOT, "MET: %,.0f durable steps/s against a target of %,.0f",
                    engine.stepsPerSecond(), TARGET_STEPS_PER_SECOND);
        }
        return String.format(Locale.ROOT, "MISSED: %,.0f durable steps/s is %.0f%% of the %,.0f target",
                engine.stepsPerSecond(), 100 * engine.stepsPerSecond() / TARGET_STEPS_PER_SECOND,
                TARGET_STEPS_PER_SECOND);
    }

    void print(PrintStream out) {
        String runsTimesSteps = String.format(Locale.ROOT, "%,d runs x %,d steps in %.2f s",
                options.runs(), options.steps(), engine.elapsedNanos() / 1e9);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"engine", "durable steps/s", number(engine.stepsPerSecond()), runsTimesSteps});
        rows.add(new String[] {"engine", "start -> first step p50", millis(engine.startToFirstStep().percentileMillis(50)),
                String.format(Locale.ROOT, "%,d concurrent starts", options.runs())});
        rows.add(new String[] {"engine", "start -> first step p99", millis(engine.startToFirstStep().percentileMillis(99)), ""});
        rows.add(new String[] {"engine", "single start -> first step p50", millis(chain.start().percentileMillis(50)),
                String.format(Locale.ROOT, "%,d starts one at a time", chain.start().count())});
        rows.add(new String[] {"engine", "single start -> first step p99", millis(chain.start().percentileMillis(99)), ""});
        rows.add(new String[] {"engine", "chain hand-over p50", millis(chain.handOver().percentileMillis(50)),
                String.format(Locale.ROOT, "%,d hand-overs, next started on RUN_COMPLETED", chain.handOver().count())});
        rows.add(new String[] {"engine", "chain hand-over p99", millis(chain.handOver().percentileMillis(99)), ""});
        rows.add(new String[] {"engine", "lock hand-over p50", millis(lockHandOver.percentileMillis(50)),
                String.format(Locale.ROOT, "%,d hand-overs of one lock", lockHandOver.count())});
        rows.add(new String[] {"engine", "lock hand-over p99", millis(lockHandOver.percentileMillis(99)), ""});
        rows.add(new String[] {"baseline", "JDBC rows/s", number(baseline.rowsPerSecond()),
                String.format(Locale.ROOT, "%,d rows, %,d per transaction", baseline.rows(), options.batch())});
        rows.add(new String[] {"ratio", "engine / baseline", String.format(Locale.ROOT, "%.3f", ratio()), ""});

        out.printf(Locale.ROOT, "Baton benchmark, %s, %d CPUs, JDK %s, SQLite %s, synchronous=%s%n",
                date, cpus, jdk, baseline.sqliteVersion(), options.synchronous());
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            String line = String.format(Locale.ROOT, "  %-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %s",
                    row[0], row[1], row[2], row[3]);
            out.println(line.stripTrailing());
        }
        out.println("  verdict: " + verdict());
        out.println("RESULT " + json());
    }

    String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", date.toString());
        fields.put("cpus", cpus);
        fields.put("jdk", jdk);
        fields.put("sqlite", baseline.sqliteVersion());
        fields.put("synchronous", options.synchronous());
        fields.put("runs", options.runs());
        fields.put("steps", options.steps());
        fields.put("engineStepsPerSecond", round(engine.stepsPerSecond(), 0));
        fields.put("engineElapsedMs", round(engine.elapsedNanos() / 1e6, 1));
        fields.put("startToFirstStepP50Ms", round(engine.startToFirstStep().percentileMillis(50), 3));
        fields.put("startToFirstStepP99Ms", round(engine.startToFirstStep().percentileMillis(99), 3));
        fields.put("singleStartP50Ms", round(chain.start().percentileMillis(50), 3));
        fields.put("singleStartP99Ms", round(chain.start().percentileMillis(99), 3));
        fields.put("chainHandOvers", chain.handOver().count());
        fields.put("chainMode", "caller starts next on RUN_COMPLETED");
        fields.put("chainP50Ms", round(chain.handOver().percentileMillis(50), 3));
        fields.put("chainP99Ms", round(chain.handOver().percentileMillis(99), 3));
        fields.put("lockHandOverP50Ms", round(lockHandOver.percentileMillis(50), 3));
        fields.put("lockHandOverP99Ms", round(lockHandOver.percentileMillis(99), 3));
        fields.put("baselineRowsPerSecond", round(baseline.rowsPerSecond(), 0));
        fields.put("baselineRows", baseline.rows());
        fields.put("baselineBatch", options.batch());
        fields.put("ratio", round(ratio(), 4));
        fields.put("targetStepsPerSecond", (long) TARGET_STEPS_PER_SECOND);
        fields.put("targetMet", targetMet());
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.getKey()).append("\":");
            Object value = field.getValue();
            if (value instanceof String text) {
                json.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                json.append("null");
            } else {
                json.append(value);
            }
        }
        return json.append('}').toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f ms", value);
    }

    private static Object round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        if (decimals == 0) {
            return Math.round(value);
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
