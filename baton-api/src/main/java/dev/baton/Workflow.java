package dev.baton;

/**
 * A durable workflow: ordinary Java code whose durable calls go through {@link Flow}.
 *
 * <p>The {@code run} method may be executed more than once for the same run: after a crash,
 * after a long wait, or after a deploy, the engine re-executes it from the top and every durable
 * call that already completed returns its recorded outcome instead of executing again (replay).
 * Code between durable calls must therefore be deterministic: use {@link Flow#now()},
 * {@link Flow#random()} and {@link Flow#uuid()} instead of the clock and random numbers, and put
 * any I/O inside a {@link Flow#step step}.
 *
 * <p>Inputs and outputs are serialized as JSON with Jackson: records, enums, collections and
 * plain beans work. The input type is read from the type arguments of the implementing class;
 * a workflow written as a lambda is registered with an explicit input type through
 * {@link WorkflowDefinition#of(String, Class, Workflow)}.
 *
 * <pre>{@code
 * public final class NightlyLoad implements Workflow<LoadRequest, LoadReport> {
 *     public LoadReport run(Flow flow, LoadRequest req) {
 *         List<Partition> parts = flow.step("list-partitions", () -> warehouse.partitions(req.day()));
 *         List<Long> rows = flow.forEach("load", parts, 8, p -> warehouse.load(p));
 *         return new LoadReport(req.day(), rows);
 *     }
 * }
 * }</pre>
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface Workflow<I, O> {

    /**
     * Runs (or replays) the workflow.
     *
     * @param flow  the run's durable context; valid only on the thread that called {@code run}
     * @param input the run's input, deserialized from its stored JSON
     * @return the run's result, stored as JSON
     * @throws Exception any failure ends the run as FAILED with the error recorded
     */
    O run(Flow flow, I input) throws Exception;
}
