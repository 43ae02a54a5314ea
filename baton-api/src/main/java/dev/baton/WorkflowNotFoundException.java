package dev.baton;

import java.util.Collection;

/** No workflow of that name is registered with this Baton. */
public class WorkflowNotFoundException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** @param name the unknown name @param known the registered names */
    public WorkflowNotFoundException(String name, Collection<String> known) {
        super("no workflow named '" + name + "' is registered; known workflows: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known.stream().sorted().toList())));
    }
}
