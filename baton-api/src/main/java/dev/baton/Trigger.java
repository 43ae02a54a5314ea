package dev.baton;

import java.util.List;
import java.util.Objects;

/**
 * Starts a workflow when others end: {@code Trigger.after("NightlyLoad")} starts the downstream
 * workflow each time a run of NightlyLoad succeeds — after it has finished, however long it took.
 * Register with {@link BatonBuilder#workflow(Workflow, Trigger...)}.
 *
 * <p>The downstream run is created in the same transaction that records the upstream run's end,
 * so it is started exactly once, also when a worker dies at that moment. Its input is the upstream
 * run's result (read into the downstream input type), or an {@link Upstream} when that is the
 * downstream input type; it inherits the upstream's logical time. A cycle of triggers is refused
 * when the engine is built.
 *
 * <p>{@link #afterAll(String...)} is a fan-in: the downstream starts once every listed workflow
 * has a successful run for the same logical time (the night's job 2 after the night's job 1 and
 * job 1b); its input is a {@link FanIn}.
 *
 * @param upstream the workflows whose runs start this one
 * @param when     which endings count
 * @param fanIn    whether all upstream workflows must have succeeded for the same logical time
 */
public record Trigger(List<String> upstream, When when, boolean fanIn) {

    /** Which endings of an upstream run start the downstream workflow. */
    public enum When {
        /** COMPLETED. */
        SUCCESS,
        /** FAILED (after its last retry) or CANCELLED. */
        FAILURE,
        /** Any end: COMPLETED, FAILED or CANCELLED. */
        COMPLETION;

        /** @param status an upstream run's end @return whether it counts */
        public boolean matches(RunStatus status) {
            return switch (this) {
                case SUCCESS -> status == RunStatus.COMPLETED;
                case FAILURE -> status == RunStatus.FAILED || status == RunStatus.CANCELLED;
                case COMPLETION -> status == RunStatus.COMPLETED || status == RunStatus.FAILED || status == RunStatus.CANCELLED;
            };
        }
    }

    /** Validates the fields. */
    public Trigger {
        upstream = List.copyOf(Objects.requireNonNull(upstream, "upstream"));
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("a trigger needs at least one upstream workflow");
        }
        Objects.requireNonNull(when, "when");
        if (fanIn && when != When.SUCCESS) {
            throw new IllegalArgumentException("a fan-in trigger starts on the success of all upstream workflows, was " + when);
        }
    }

    /** @param workflow the upstream workflow's name @return a trigger on its success */
    public static Trigger after(String workflow) {
        return new Trigger(List.of(workflow), When.SUCCESS, false);
    }

    /** @param workflow the upstream workflow's class, registered under its simple name @return a trigger on its success */
    public static Trigger after(Class<? extends Workflow<?, ?>> workflow) {
        return after(WorkflowDefinition.defaultName(workflow));
    }

    /**
     * @param workflows the upstream workflows
     * @return a trigger that fires once all of them succeeded for the same logical time
     */
    public static Trigger afterAll(String... workflows) {
        return new Trigger(List.of(workflows), When.SUCCESS, true);
    }

    /** @return a copy that starts on success (the default) */
    public Trigger onSuccess() {
        return new Trigger(upstream, When.SUCCESS, fanIn);
    }

    /** @return a copy that starts on failure or cancellation */
    public Trigger onFailure() {
        return new Trigger(upstream, When.FAILURE, fanIn);
    }

    /** @return a copy that starts on any end */
    public Trigger onCompletion() {
        return new Trigger(upstream, When.COMPLETION, fanIn);
    }
}
