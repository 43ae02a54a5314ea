package dev.baton.alerts;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Retry;
import dev.baton.StepContext;
import dev.baton.StepOptions;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertIncident;
import dev.baton.alert.Alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Workflows and waits shared by the alert tests; every engine is real, on a real SQLite file. */
final class AlertApp {
    static final String RUNBOOK = "https://wiki.example.com/runbooks/load";
    static final String BASE = "https://baton.example.com";
    /** The Slow workflow's step waits for this, so that a test decides when it ends. */
    static volatile CountDownLatch slowRelease = new CountDownLatch(1);
    static final AtomicInteger flakyCalls = new AtomicInteger();

    private AlertApp() {
    }

    /**
     * Fails on input "fail" after logging, like a job whose warehouse is down; on "wait", succeeds once
     * {@link #slowRelease} opens; succeeds at once otherwise.
     */
    static WorkflowDefinition<String, String> load() {
        return WorkflowDefinition.of("Load", String.class, (flow, input) -> flow.step("extract", () -> {
            StepContext.current().log("log", "connecting to warehouse db-7");
            StepContext.current().log("log", "still no answer after 30s");
            if (input.equals("fail")) {
                throw new IllegalStateException("warehouse unreachable");
            }
            if (input.equals("wait")) {
                slowRelease.await(60, TimeUnit.SECONDS);
            }
            return "loaded";
        })).withOwner("team-data").withRunbook(RUNBOOK);
    }

    /** A step that fails once and succeeds on its retry: the run completes, nothing is alerted. */
    static WorkflowDefinition<String, String> flaky() {
        return WorkflowDefinition.of("Flaky", String.class, (flow, input) -> flow.step("call",
                StepOptions.retry(Retry.fixed(3, Duration.ofMillis(10))), () -> {
                    if (flakyCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("a passing hiccup");
                    }
                    return "fine";
                })).withOwner("team-data");
    }

    /** Runs until {@link #slowRelease} opens, with a deadline of 300 ms. */
    static WorkflowDefinition<String, String> slow() {
        return WorkflowDefinition.of("Slow", String.class, (flow, input) -> flow.step("crunch", () -> {
            slowRelease.await(60, TimeUnit.SECONDS);
            return "crunched";
        })).withOwner("team-data").withDeadline(Duration.ofMillis(300));
    }

    static BatonBuilder builder(Path store, Alerts alerts) {
        return Baton.builder().store(StoreConfig.sqlite(store)).workerId("alert-test")
                .pollInterval(Duration.ofMillis(20))
                .secrets(name -> name.equals("HOOK_SECRET") ? java.util.Optional.of("s3cr3t-key")
                        : java.util.Optional.empty())
                .alerts(alerts);
    }

    static Alerts.Builder fastAlerts() {
        return Alerts.builder().baseUrl(BASE).checkEvery(Duration.ofMillis(50))
                .delivery(3, Duration.ofMillis(50), Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(2));
    }

    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited 30 s for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<AlertIncident> incidents(Baton baton, String workflow) {
        return baton.alerts(100).stream().filter(i -> i.workflow().equals(workflow)).toList();
    }

    static boolean allSettled(Baton baton) {
        return baton.alerts(100).stream().flatMap(i -> i.deliveries().stream()).noneMatch(d -> d.status().equals("PENDING"));
    }

}
