package dev.baton.examples;

/**
 * One example run of the demo: which workflow, with which input, what signal to send, what must happen.
 *
 * @param workflow       the workflow's registered name
 * @param input          the run's input
 * @param signalName     the signal to send to the run, or null for none
 * @param signalPayload  the signal's payload, or null
 * @param signalAfter    how long after the start to send the signal, or null for none
 * @param expectedStatus the status the run must end in
 * @param description    what the case shows, in one sentence
 */
public record DemoCase(String workflow, Object input, String signalName, Object signalPayload,
                       java.time.Duration signalAfter, dev.baton.RunStatus expectedStatus, String description) {}
