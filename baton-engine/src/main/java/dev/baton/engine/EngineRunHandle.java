package dev.baton.engine;

import dev.baton.BatonException;
import dev.baton.RunFailedException;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunNotFoundException;
import dev.baton.RunStatus;
import dev.baton.engine.store.RunRow;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A handle on a run of a {@link BatonEngine}. */
final class EngineRunHandle implements RunHandle {
    private final BatonEngine engine;
    private final String runId;
    private final boolean created;

    EngineRunHandle(BatonEngine engine, String runId, boolean created) {
        this.engine = engine;
        this.runId = runId;
        this.created = created;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public boolean created() {
        return created;
    }

    @Override
    public RunInfo info() {
        return engine.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    @Override
    public RunInfo await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RunInfo info = info();
            long left = deadline - System.nanoTime();
            if (info.status().isTerminal() || left <= 0) {
                return info;
            }
            try {
                // Woken at once when the run finishes in this process; the poll covers other processes.
                engine.finishWaiter(runId).get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // re-check
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatonException("interrupted while waiting for run " + runId, e);
            }
        }
    }

    @Override
    public <O> O result(Duration timeout) {
        RunInfo info = await(timeout);
        if (!info.status().isTerminal()) {
            throw new BatonException("run " + runId + " did not finish within " + timeout + "; it is " + info.status()
                    + (info.waitingFor() == null ? "" : ", waiting for " + info.waitingFor()));
        }
        if (info.status() != RunStatus.COMPLETED) {
            throw new RunFailedException(info);
        }
        RunRow row = engine.store().findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        @SuppressWarnings("unchecked")
        O value = (O) engine.codec().decode(row.output(), row.outputType(), "result of run " + runId);
        return value;
    }
}
