package dev.baton.examples;

import dev.baton.RunStatus;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import dev.baton.examples.story.HourlyRefresh;
import dev.baton.examples.story.NightlyLoad;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The runs of {@code baton demo}: every example once, each showing its idea. Together they
 * finish in a few seconds (the longest waits are the 3 s reminder and the 2 s approval, which
 * overlap).
 */
public final class DemoCases {

    /**
     * Where the demo's export writes its CSV file. The demo publishes nowhere: it must run without
     * a network, and the HTTP step's retries are shown by {@code NightlyExportTest} against a
     * local server instead.
     */
    public static final Path DEMO_EXPORT_DIR = Path.of(System.getProperty("java.io.tmpdir"), "baton-demo", "exports");

    private DemoCases() {
    }

    /** @return the demo's runs, in the order to start them */
    public static List<DemoCase> all() {
        return List.of(
                run(OrderRouting.class, new OrderRouting.Order("A-1001", 4_999, "DE"),
                        "A small order to a home market: risk is low, so the card is charged and the order ships."),
                run(OrderRouting.class, new OrderRouting.Order("A-1002", 250_000, "BR"),
                        "A large order abroad: risk is high, so the order is held for review instead."),
                run(FlakyPayment.class, new FlakyPayment.Payment("P-2001", 1_250),
                        "The payment provider fails twice with IOException; the third attempt, after 200 ms and 400 ms of backoff, succeeds."),
                run(FanOut.class, new FanOut.Batch(FanOut.DEFAULT_ITEMS),
                        "1,000 items known only at run time, each processed as its own durable step, 32 at a time."),
                run(DelayedReminder.class, new DelayedReminder.Reminder("ops@example.com", 3),
                        "A durable 3-second sleep between preparing a reminder and sending it."),
                new DemoCase(WorkflowDefinition.defaultName(ReleaseApproval.class),
                        new ReleaseApproval.Release("2.4.0"),
                        ReleaseApproval.APPROVE_SIGNAL, Boolean.TRUE, Duration.ofSeconds(2), RunStatus.COMPLETED,
                        "A release waits for a human approval; the signal 'approve' = true arrives after 2 s and it is published."),
                run(NightlyExport.class, new NightlyExport.Export("2026-01-15", 42, DEMO_EXPORT_DIR.toString(), null),
                        "A shell script exports 42 orders with the password from BATON_DEMO_SECRET in its environment; "
                                + "its output is in the step's log with the password masked as ***."),
                run(NightlyLoad.class, new NightlyLoad.Night(LocalDate.of(2026, 6, 30), 1),
                        "Job 1 on a long night (June's close: three 'hours' of one second each); when it has finished, "
                                + "job 2 (PublishReport) starts by itself with its report."),
                run(HourlyRefresh.class, null,
                        "Job 3, started beside job 1: it waits for the lock 'heavy' that job 1 holds, and runs after it."));
    }

    private static DemoCase run(Class<?> workflow, Object input, String description) {
        return new DemoCase(WorkflowDefinition.defaultName(workflow), input, null, null, null,
                RunStatus.COMPLETED, description);
    }
}
