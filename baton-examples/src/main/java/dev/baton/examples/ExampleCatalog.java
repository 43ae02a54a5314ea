package dev.baton.examples;

import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;

import java.util.List;

/**
 * The example workflows, offered to the {@code baton} command through
 * {@code META-INF/services/dev.baton.WorkflowCatalog}. Each is registered under its simple class
 * name, e.g. {@code OrderRouting}.
 */
public final class ExampleCatalog implements WorkflowCatalog {
    /** Where the examples' runbooks live: an illustrative wiki, one page per workflow. */
    static final String RUNBOOKS = "https://wiki.example.com/runbooks/";

    @Override
    public List<WorkflowDefinition<?, ?>> workflows() {
        return List.of(
                WorkflowDefinition.of(new OrderRouting())
                        .withOwner("team-checkout").withRunbook(RUNBOOKS + "order-routing").withDescription(
                        "Scores an order's risk, then holds it for review or charges the card and ships it."),
                WorkflowDefinition.of(new FlakyPayment())
                        .withOwner("team-payments").withRunbook(RUNBOOKS + "flaky-payment").withDescription(
                        "Calls a payment provider that fails twice with IOException; retried with exponential backoff from 200 ms."),
                WorkflowDefinition.of(new FanOut())
                        .withOwner("team-platform").withRunbook(RUNBOOKS + "fan-out").withDescription(
                        "Lists N items at run time (1,000 by default) and processes each as its own durable step, 32 at a time."),
                WorkflowDefinition.of(new DelayedReminder())
                        .withOwner("team-growth").withRunbook(RUNBOOKS + "delayed-reminder").withDescription(
                        "Prepares a reminder, sleeps durably for the requested delay, then sends it."),
                WorkflowDefinition.of(new ReleaseApproval())
                        .withOwner("team-release").withRunbook(RUNBOOKS + "release-approval").withDescription(
                        "Builds release notes, waits up to a day for the 'approve' signal, then publishes or discards."),
                WorkflowDefinition.of(new NightlyExport())
                        .withOwner("team-data").withRunbook(RUNBOOKS + "nightly-export").withDescription(
                        "Runs an export script as a shell step with a secret in its environment, branches on its exit code, "
                                + "then posts the report to an HTTP service with retries."));
    }
}
