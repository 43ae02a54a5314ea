package dev.baton.lint;

/**
 * What the determinism linter checks. Each rule has a stable id, used in its output, in
 * {@link dev.baton.SuppressDeterminism#rules()} and in docs/determinism.md, and the usual
 * replacement to write instead.
 */
public enum Rule {
    /** Reading the wall clock: a replay sees another time than the first execution did. */
    WALL_CLOCK("wall-clock", "flow.now()"),
    /** Drawing random numbers or ids: a replay draws different ones. */
    RANDOM("random", "flow.random() or flow.uuid()"),
    /** Starting threads or handing work to executors: their timing and results are not recorded. */
    THREAD("thread", "flow.async(...) or flow.forEach(...)"),
    /** Sleeping or blocking the workflow thread: the wait is not durable and not recorded. */
    SLEEP("sleep", "flow.sleep(Duration), flow.sleepUntil(Instant) or flow.awaitSignal(...)"),
    /** Files, network, databases, processes: results differ on replay and the effect repeats. */
    BLOCKING_IO("blocking-io", "a step: flow.step(\"name\", () -> ...)"),
    /** Iterating a hash-ordered collection: step order and names can differ between JVMs. */
    UNORDERED_ITERATION("unordered-iteration",
            "a sorted or insertion-ordered collection (TreeMap, TreeSet, LinkedHashMap, LinkedHashSet, List), or sort first");

    private final String id;
    private final String replacement;

    Rule(String id, String replacement) {
        this.id = id;
        this.replacement = replacement;
    }

    /** @return the rule's id, for instance {@code wall-clock} */
    public String id() {
        return id;
    }

    /** @return what to write instead, as a person would type it */
    public String replacement() {
        return replacement;
    }

    /**
     * @param id a rule id
     * @return the rule
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    public static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Rule rule : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(rule.id);
        }
        throw new IllegalArgumentException("unknown determinism rule '" + id + "'; known rules: " + known);
    }
}
