package dev.baton.engine.run;

import org.slf4j.MDC;

/**
 * The SLF4J MDC entries of a step body ({@code runId}, {@code workflow}, {@code step},
 * {@code attempt}), put on the thread running it and restored to what was there before, so that
 * the workflow's own thread keeps its run entries and a pooled thread keeps nothing.
 */
final class StepMdc {
    static final String RUN_ID = "runId";
    static final String WORKFLOW = "workflow";
    static final String STEP = "step";
    static final String ATTEMPT = "attempt";

    private final String runId;
    private final String workflow;
    private final String step;
    private final String attempt;

    private StepMdc(String runId, String workflow, String step, String attempt) {
        this.runId = runId;
        this.workflow = workflow;
        this.step = step;
        this.attempt = attempt;
    }

    static StepMdc put(String runId, String workflow, String step, int attempt) {
        StepMdc previous = new StepMdc(MDC.get(RUN_ID), MDC.get(WORKFLOW), MDC.get(STEP), MDC.get(ATTEMPT));
        MDC.put(RUN_ID, runId);
        MDC.put(WORKFLOW, workflow);
        MDC.put(STEP, step);
        MDC.put(ATTEMPT, Integer.toString(attempt));
        return previous;
    }

    void restore() {
        set(RUN_ID, runId);
        set(WORKFLOW, workflow);
        set(STEP, step);
        set(ATTEMPT, attempt);
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
