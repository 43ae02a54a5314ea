package dev.baton;

import java.util.List;

/**
 * A set of workflows that a jar offers to the {@code baton} command. Declare an implementation in
 * {@code META-INF/services/dev.baton.WorkflowCatalog} and put the jar on the command's class path.
 */
public interface WorkflowCatalog {
    /** @return the workflows to register */
    List<WorkflowDefinition<?, ?>> workflows();
}
