package dev.baton.examples;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.SecretProvider;
import dev.baton.StepInfo;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Builds the real engine on a SQLite file for the example tests, and waits on conditions. */
final class TestEngine {

    /** How long a test waits for a run that should finish in well under a second. */
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);

    private TestEngine() {
    }

    /**
     * @param dir   a temporary folder; the database is {@code baton.db} in it
     * @param extra workflows to register besides the catalog
     * @return a started engine with every example registered
     */
    static Baton start(Path dir, WorkflowDefinition<?, ?>... extra) {
        Baton baton = builder(dir, extra).build();
        baton.start();
        return baton;
    }

    static BatonBuilder builder(Path dir, WorkflowDefinition<?, ?>... extra) {
        BatonBuilder builder = Baton.builder()
                .store(StoreConfig.sqlite(dir.resolve("baton.db")))
                .workflows(new ExampleCatalog())
                .workflows(new dev.baton.examples.story.StoryCatalog())
                .secrets(SecretProvider.environment().orElse(DemoSecrets.defaults()))
                .pollInterval(Duration.ofMillis(50));
        for (WorkflowDefinition<?, ?> definition : extra) {
            builder.workflow(definition);
        }
        return builder;
    }

    /** @return the run's durable call of that name; fails when there is none or more than one */
    static StepInfo step(Baton baton, String runId, String name) {
        List<StepInfo> matches = baton.steps(runId).stream().filter(s -> s.name().equals(name)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one step '" + name + "' in run " + runId + ", found "
                    + matches.size() + " among " + baton.steps(runId).stream().map(StepInfo::name).toList());
        }
        return matches.get(0);
    }

    /**
     * Waits until the condition holds, polling it, or fails once the deadline has passed.
     *
     * @param timeout     the deadline, from now
     * @param description what is awaited, for the failure message
     * @param condition   the condition
     */
    static void awaitUntil(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + description);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + description, e);
            }
        }
    }
}
