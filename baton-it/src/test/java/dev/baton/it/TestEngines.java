package dev.baton.it;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Builds engines on real SQLite files for the tests, with short waits so that unwinding happens quickly. */
final class TestEngines {
    private TestEngines() {
    }

    static Baton open(Path db, Consumer<BatonBuilder> workflows) {
        BatonBuilder builder = Baton.builder()
                .store(StoreConfig.sqlite(db))
                .inMemoryWait(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(50));
        workflows.accept(builder);
        Baton baton = builder.build();
        baton.start();
        return baton;
    }

    /** Waits on a condition with a deadline, never on a fixed sleep. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static RunInfo awaitStatus(Baton baton, String runId, RunStatus status, Duration timeout) {
        await("run " + runId + " to be " + status, timeout,
                () -> baton.findRun(runId).map(r -> r.status() == status).orElse(false));
        return baton.findRun(runId).orElseThrow();
    }
}
