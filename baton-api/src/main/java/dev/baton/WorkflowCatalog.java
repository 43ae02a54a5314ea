package dev.baton;

import java.util.List;

/**
 * A set of workflows that a jar offers to the {@code baton} command. Declare an implementation in
 * {@code META-INF/services/dev.baton.WorkflowCatalog} and put the jar on the command's class path.
 */
public interface WorkflowCatalog {
    /** @return the workflows to register */
    List<WorkflowDefinition<?, ?>> workflows();

    /**
     * Registers the catalog's workflows with a builder. Override it to declare what the workflows
     * need beside themselves: locks and pools, schedules, triggers.
     *
     * @param builder the builder
     */
    default void register(BatonBuilder builder) {
        workflows().forEach(builder::workflow);
    }
}
