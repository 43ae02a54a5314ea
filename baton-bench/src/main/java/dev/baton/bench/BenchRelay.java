package dev.baton.bench;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One leg of the chain: a single durable step whose body notes when it began and when it ended,
 * so that the hand-over from leg {@code k} to leg {@code k + 1} is measured from the end of the
 * last step body of one run to the start of the first step body of the next.
 */
public final class BenchRelay implements Workflow<BenchRelay.Leg, Integer> {

    /** @param index the leg's position in the chain, from 0 */
    public record Leg(int index) {
    }

    private final AtomicLongArray began;
    private final AtomicLongArray ended;

    /**
     * @param began where each leg's step notes when its body began, by leg index
     * @param ended where each leg's step notes when its body ended, by leg index
     */
    public BenchRelay(AtomicLongArray began, AtomicLongArray ended) {
        this.began = began;
        this.ended = ended;
    }

    @Override
    public Integer run(Flow flow, Leg leg) {
        return flow.step("work", () -> {
            began.compareAndSet(leg.index(), 0, System.nanoTime());
            int result = leg.index();
            ended.set(leg.index(), System.nanoTime());
            return result;
        });
    }
}
