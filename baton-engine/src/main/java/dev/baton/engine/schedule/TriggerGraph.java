package dev.baton.engine.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks the triggers between workflows ("run B after A") for cycles, which would make each
 * run start the next forever. A cycle is reported in trigger order, starting from its
 * alphabetically first workflow ({@code A -> B -> C -> A}), so the same graph always gives the
 * same message.
 */
public final class TriggerGraph {

    private enum Mark { VISITING, DONE }

    private TriggerGraph() {
    }

    /**
     * @param triggers each workflow mapped to the workflows it triggers; workflows that only
     *                 appear as targets need no entry
     * @return a cycle, its first workflow repeated at the end ({@code [A, B, C, A]}; a workflow
     *         that triggers itself gives {@code [A, A]}), or empty when there is none
     */
    public static Optional<List<String>> findCycle(Map<String, ? extends Collection<String>> triggers) {
        Objects.requireNonNull(triggers, "triggers");
        Map<String, Mark> marks = new HashMap<>();
        List<String> path = new ArrayList<>();
        for (String start : new TreeSet<>(triggers.keySet())) {
            Optional<List<String>> cycle = visit(start, triggers, marks, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    /**
     * @param triggers each workflow mapped to the workflows it triggers
     * @throws IllegalArgumentException naming the first workflow of a cycle, the field
     *         {@code trigger} and the cycle in order
     */
    public static void requireAcyclic(Map<String, ? extends Collection<String>> triggers) {
        findCycle(triggers).ifPresent(cycle -> {
            throw new IllegalArgumentException("workflow '" + cycle.get(0) + "': trigger forms a cycle: "
                    + String.join(" -> ", cycle) + "; each run would start the next forever, so remove one of these triggers");
        });
    }

    private static Optional<List<String>> visit(String node, Map<String, ? extends Collection<String>> triggers,
                                                Map<String, Mark> marks, List<String> path) {
        Mark mark = marks.get(node);
        if (mark == Mark.DONE) {
            return Optional.empty();
        }
        if (mark == Mark.VISITING) {
            return Optional.of(rotate(path.subList(path.indexOf(node), path.size())));
        }
        marks.put(node, Mark.VISITING);
        path.add(node);
        Collection<String> targets = triggers.get(node);
        for (String target : targets == null ? new TreeSet<String>() : new TreeSet<>(targets)) {
            Optional<List<String>> cycle = visit(target, triggers, marks, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        marks.put(node, Mark.DONE);
        return Optional.empty();
    }

    /** Starts the cycle at its alphabetically first workflow and closes it. */
    private static List<String> rotate(List<String> cycle) {
        int first = cycle.indexOf(new TreeSet<>(cycle).first());
        List<String> result = new ArrayList<>(cycle.subList(first, cycle.size()));
        result.addAll(cycle.subList(0, first));
        result.add(result.get(0));
        return List.copyOf(result);
    }
}
