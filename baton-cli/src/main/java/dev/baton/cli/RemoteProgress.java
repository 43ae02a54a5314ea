package dev.baton.cli;

import dev.baton.AttemptInfo;
import dev.baton.Baton;
import dev.baton.RunEvent;
import dev.baton.RunInfo;
import dev.baton.RunListener;
import dev.baton.StepInfo;
import dev.baton.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress lines for a run that a server executes: the server's engine tells no listener in this
 * process, so this polls the run and its steps and turns what changed into the same
 * {@link RunEvent}s the engine would have sent (step completed or failed, run waiting or
 * finished), for the command's {@link ProgressPrinter}.
 */
final class RemoteProgress implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(250);

    private final Baton server;
    private final String runId;
    private final RunListener listener;
    private final Map<Integer, String> seen = new HashMap<>();
    private final Object lock = new Object();
    private final Thread poller;
    private RunInfo last;
    private boolean fromStart;
    private volatile boolean stopped;

    private RemoteProgress(Baton server, String runId, RunListener listener) {
        this.server = server;
        this.runId = runId;
        this.listener = listener;
        this.poller = Thread.ofVirtual().name("baton-remote-progress").unstarted(this::pollUntilStopped);
    }

    /**
     * @param session   the session; progress is followed only when it is remote
     * @param runId     the run
     * @param listener  where the events go
     * @param fromStart whether the run was just started, so that all it did is news; otherwise
     *                  only what changes from now on is printed
     * @return the follower; close it before printing how the run ended
     */
    static RemoteProgress follow(Session session, String runId, RunListener listener, boolean fromStart) {
        RemoteProgress progress = new RemoteProgress(session.baton(), runId, listener);
        if (session.remote()) {
            progress.fromStart = fromStart;
            progress.poll(!fromStart);
            progress.poller.start();
        } else {
            progress.stopped = true;
        }
        return progress;
    }

    private void pollUntilStopped() {
        while (!stopped) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            }
            try {
                poll(false);
            } catch (RuntimeException e) {
                return; // the follow itself reports an unreachable server
            }
        }
    }

    private void poll(boolean quietly) {
        synchronized (lock) {
            RunInfo run = server.findRun(runId).orElse(null);
            if (run == null) {
                return;
            }
            boolean first = last == null;
            if (!quietly && first && run.startedAt() != null) {
                emit(new RunEvent(run.startedAt(), RunEvent.Type.RUN_STARTED, runId, run.workflow(), null, 0, 0, null));
            }
            List<StepInfo> steps = server.steps(runId);
            for (StepInfo step : steps) {
                String state = step.status() + "/" + step.attempts().size();
                if (state.equals(seen.put(step.seq(), state)) || quietly) {
                    continue;
                }
                stepChanged(run, step);
            }
            // On the first look at a just-started run, its start was said above; anything later is news.
            boolean changed = first ? fromStart && run.status() != dev.baton.RunStatus.PENDING
                    && run.status() != dev.baton.RunStatus.RUNNING
                    : last.status() != run.status() || !same(last.waitingFor(), run.waitingFor());
            if (!quietly && changed) {
                runChanged(run);
            }
            last = run;
        }
    }

    private void stepChanged(RunInfo run, StepInfo step) {
        Instant at = step.endedAt() != null ? step.endedAt() : Instant.now();
        if (step.status() == StepStatus.COMPLETED) {
            long millis = step.startedAt() == null || step.endedAt() == null ? 0
                    : Duration.between(step.startedAt(), step.endedAt()).toMillis();
            emit(new RunEvent(at, RunEvent.Type.STEP_COMPLETED, runId, run.workflow(), step.name(), step.seq(),
                    attempt(step), (step.output() == null ? "null" : step.output()) + " in " + millis + "ms"));
        } else if (step.status() == StepStatus.FAILED && step.error() != null) {
            emit(new RunEvent(at, RunEvent.Type.STEP_FAILED, runId, run.workflow(), step.name(), step.seq(),
                    attempt(step), step.error().summary() + " (final)"));
        } else if (!step.attempts().isEmpty()) {
            AttemptInfo latest = step.attempts().getLast();
            if (latest.error() != null && latest.nextAttemptAt() != null) {
                emit(new RunEvent(latest.endedAt() == null ? at : latest.endedAt(), RunEvent.Type.STEP_FAILED, runId,
                        run.workflow(), step.name(), step.seq(), latest.attempt(), latest.error().summary()
                        + "; attempt " + (latest.attempt() + 1) + " at " + latest.nextAttemptAt()));
            }
        }
    }

    private void runChanged(RunInfo run) {
        Instant at = run.endedAt() != null ? run.endedAt() : run.updatedAt() != null ? run.updatedAt() : Instant.now();
        RunEvent.Type type;
        String detail = null;
        switch (run.status()) {
            case WAITING -> {
                type = RunEvent.Type.RUN_WAITING;
                detail = (run.waitingFor() == null ? "something" : run.waitingFor())
                        + (run.wakeAt() == null ? "" : " until " + run.wakeAt());
            }
            case COMPLETED -> {
                type = RunEvent.Type.RUN_COMPLETED;
                detail = run.output();
            }
            case FAILED -> {
                type = RunEvent.Type.RUN_FAILED;
                detail = run.error() == null ? null : run.error().summary();
            }
            case CANCELLED -> type = RunEvent.Type.RUN_CANCELLED;
            case SKIPPED -> {
                type = RunEvent.Type.RUN_SKIPPED;
                detail = run.error() == null ? null : run.error().message();
            }
            case RUNNING -> type = last == null || (last.status() == dev.baton.RunStatus.PENDING
                    && last.startedAt() == null) ? RunEvent.Type.RUN_STARTED : RunEvent.Type.RUN_RESUMED;
            default -> {
                return;
            }
        }
        emit(new RunEvent(at, type, runId, run.workflow(), null, 0, 0, detail));
    }

    private static int attempt(StepInfo step) {
        return step.attempts().isEmpty() ? 1 : step.attempts().getLast().attempt();
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private void emit(RunEvent event) {
        listener.onEvent(event);
    }

    /** Prints what changed since the last poll, then stops. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        poller.interrupt();
        try {
            poller.join(POLL.multipliedBy(4));
            poll(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the follow has reported how the run stands
        }
    }
}
