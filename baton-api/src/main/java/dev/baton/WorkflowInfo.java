package dev.baton;

import java.util.List;

/**
 * A registered workflow, as the catalog shows it.
 *
 * @param name        its name
 * @param inputType   the input type's name
 * @param description what it does
 * @param className   the class that implements it
 * @param owner       who answers for it, or null
 * @param runbook     a link to what to do when it fails, or null
 * @param triggers    what starts it when other workflows end; empty when nothing does
 * @param locks       the locks and pools each of its runs holds from start to end, as declared
 * @param deadline    how long a run may take (from its logical time or creation) before the
 *                    DEADLINE_MISSED alert, or null for none
 */
public record WorkflowInfo(String name, String inputType, String description, String className, String owner,
                           String runbook, List<Trigger> triggers, List<LockSpec> locks, java.time.Duration deadline) {
    /** Copies the lists. */
    public WorkflowInfo {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        locks = locks == null ? List.of() : List.copyOf(locks);
    }

    /**
     * A workflow without a deadline.
     *
     * @param name        its name
     * @param inputType   the input type's name
     * @param description what it does
     * @param className   the class that implements it
     * @param owner       who answers for it, or null
     * @param runbook     a link to what to do when it fails, or null
     * @param triggers    what starts it when other workflows end
     * @param locks       the locks and pools each of its runs holds
     */
    public WorkflowInfo(String name, String inputType, String description, String className, String owner,
                        String runbook, List<Trigger> triggers, List<LockSpec> locks) {
        this(name, inputType, description, className, owner, runbook, triggers, locks, null);
    }

    /**
     * A workflow without owner, runbook, triggers or locks.
     *
     * @param name        its name
     * @param inputType   the input type's name
     * @param description what it does
     * @param className   the class that implements it
     */
    public WorkflowInfo(String name, String inputType, String description, String className) {
        this(name, inputType, description, className, null, null, List.of(), List.of(), null);
    }
}
