package dev.baton.examples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Durable fan-out and fan-in over a list known only at run time.
 *
 * <p>{@code list-items} decides how many items there are; {@code flow.forEach} then runs one
 * durable step per item ({@code process[0]}, {@code process[1]}, …), at most 32 at a time, and
 * returns their results in item order. After a crash, the items already processed are replayed
 * from their checkpoints and only the rest execute.
 */
public final class FanOut implements Workflow<FanOut.Batch, FanOut.Summary> {

    /**
     * How much work to fan out.
     *
     * @param items the number of items, zero or more
     */
    public record Batch(int items) {
        /** Validates the count. */
        public Batch {
            if (items < 0) {
                throw new IllegalArgumentException("items must be >= 0, was " + items);
            }
        }
    }

    /**
     * The fan-in.
     *
     * @param items the number of items processed
     * @param total the sum of the items' results
     */
    public record Summary(int items, long total) {
    }

    /** The number of items when the input is null. */
    public static final int DEFAULT_ITEMS = 1_000;
    /** The most items processed at once. */
    public static final int PARALLELISM = 32;

    @Override
    public Summary run(Flow flow, Batch batch) {
        int count = batch == null ? DEFAULT_ITEMS : batch.items();
        List<Integer> items = flow.step("list-items", () -> IntStream.rangeClosed(1, count).boxed().toList());

        List<Integer> results = flow.forEach("process", items, PARALLELISM, FanOut::collatzSteps);

        long total = 0;
        for (int result : results) {
            total += result;
        }
        long sum = total;
        return flow.step("summarize", () -> new Summary(results.size(), sum));
    }

    /**
     * The work for one item, CPU only: how many steps the Collatz sequence takes from {@code n}
     * down to 1.
     *
     * @param n a positive number
     * @return the number of steps
     */
    public static int collatzSteps(int n) {
        long value = n;
        int steps = 0;
        while (value > 1) {
            value = (value % 2 == 0) ? value / 2 : 3 * value + 1;
            steps++;
        }
        return steps;
    }
}
