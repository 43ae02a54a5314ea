package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.SuppressDeterminism;
import dev.baton.Workflow;

import java.util.HashSet;
import java.util.List;

/** Findings a reviewer accepted, each with its reason; one left unsuppressed. */
public final class Suppressed implements Workflow<List<String>, Integer> {
    @Override
    public Integer run(Flow flow, List<String> names) {
        int total = count(new HashSet<>(names));
        long started = System.nanoTime(); // expect: wall-clock
        return total + (int) (started % 2) + debugOnly();
    }

    @SuppressDeterminism(value = "adds up sizes: the order does not matter", rules = "unordered-iteration")
    private static int count(HashSet<String> names) {
        int total = 0;
        for (String name : names) { // suppressed: unordered-iteration
            total += name.length();
        }
        return total;
    }

    @SuppressDeterminism("only a log line for people; no step depends on it")
    private static int debugOnly() {
        Runnable log = () -> System.err.println("debug at " + System.currentTimeMillis()); // suppressed: wall-clock
        log.run();
        return 0;
    }
}
