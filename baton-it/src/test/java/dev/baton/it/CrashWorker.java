package dev.baton.it;

import dev.baton.Baton;
import dev.baton.StartOptions;
import dev.baton.StoreConfig;

import java.nio.file.Path;

/**
 * The process that a crash test kills: opens the store, starts {@code runs} runs of
 * {@link LedgerWorkflow} and works on them until it is killed.
 *
 * <p>Arguments: database file, ledger file, runs, steps per run, slow step, max pause (ms).
 */
public final class CrashWorker {
    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path ledger = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        var job = new LedgerWorkflow.Job(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).workflow(new LedgerWorkflow(ledger)).build();
        baton.start();
        try (var starters = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < runs; i++) {
                String id = "run-" + i;
                starters.submit(() -> baton.start("LedgerWorkflow", job, StartOptions.runId(id)));
            }
        }
        System.out.println("STARTED " + runs);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
