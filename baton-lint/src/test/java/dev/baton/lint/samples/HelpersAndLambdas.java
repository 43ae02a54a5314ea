package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Non-deterministic code reached from the workflow method through helper methods and lambdas
 * that run inline, next to step bodies (lambdas and method references) that may do anything.
 */
public final class HelpersAndLambdas implements Workflow<List<String>, String> {
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    @Override
    public String run(Flow flow, List<String> names) {
        String stamp = stamp();
        names.forEach(name -> cache.computeIfAbsent(name, key -> key + UUID.randomUUID())); // expect: random
        Supplier<Instant> clock = Instant::now; // expect: wall-clock
        String fromOptional = Optional.of("x").map(x -> x + System.nanoTime()).orElse(""); // expect: wall-clock
        String stepped = flow.step("nested", () -> {
            Supplier<String> inner = () -> UUID.randomUUID().toString();
            return names.stream().map(n -> n + Instant.now() + inner.get()).toList().toString();
        });
        String byReference = flow.step("by-reference", this::readTheClock);
        List<String> items = flow.forEach("each", names, this::tag);
        record(flow, names.size());
        return stamp + clock.get() + fromOptional + stepped + byReference + items;
    }

    private String stamp() {
        return "at " + System.currentTimeMillis(); // expect: wall-clock
    }

    private String readTheClock() {
        return Instant.now().toString();
    }

    private String tag(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static void record(Flow flow, int size) {
        try {
            Thread.sleep(size); // expect: sleep
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flow.step("recorded", () -> size);
    }
}
