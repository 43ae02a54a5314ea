package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follows a run that the engine in this process executes, until it has finished or, unless told
 * to wait for the end, until it waits for something this process should not sit out: a signal
 * (a person or another system must send it) or a timer due later than {@link #TIMER_HORIZON}.
 * Short waits (a retry backoff, a sleep of seconds, a child run) are waited out here.
 */
final class RunFollower {
    /** Timers due within this are waited out in the process; later ones end the follow. */
    static final Duration TIMER_HORIZON = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_CHILD_DEPTH = 16;

    private final Baton baton;

    /** @param baton the engine, started */
    RunFollower(Baton baton) {
        this.baton = baton;
    }

    /**
     * A signal this command has just sent: an await of it that is still marked WAITING is about
     * to receive it, so it does not count as blocking.
     *
     * @param runId  the signalled run
     * @param name   the signal's name
     * @param maxSeq the highest sequence number the run had recorded when it was sent
     */
    record SentSignal(String runId, String name, int maxSeq) {
        boolean answers(String run, StepInfo step) {
            return runId.equals(run) && name.equals(step.name()) && step.seq() <= maxSeq;
        }
    }

    /**
     * How the follow ended.
     *
     * @param run     the run as last read
     * @param blocked what it waits for when it stopped before the end, or null
     */
    record Outcome(RunInfo run, BlockingWait blocked) {
        boolean finished() {
            return run.status().isTerminal();
        }
    }

    /**
     * @param runId         the run
     * @param untilFinished whether to sit out every wait until the run has finished
     * @param timeout       the longest follow, or null for no limit
     * @param sent          a signal just sent to it, or null
     * @return how the follow ended: finished, blocked, or neither when the timeout passed
     */
    Outcome follow(String runId, boolean untilFinished, Duration timeout, SentSignal sent) {
        RunHandle handle = baton.handle(runId);
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            RunInfo info = handle.await(POLL);
            if (info.status().isTerminal()) {
                return new Outcome(info, null);
            }
            if (!untilFinished) {
                Optional<BlockingWait> blocked = blockingWait(info, sent, 0);
                if (blocked.isPresent()) {
                    return new Outcome(info, blocked.get());
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return new Outcome(info, null);
            }
        }
    }

    /**
     * @param run  a run that has not finished
     * @param sent a signal just sent, or null
     * @return what blocks it, if it waits for something outside this process or far away
     */
    Optional<BlockingWait> blockingWait(RunInfo run, SentSignal sent, int depth) {
        if (run.status() != RunStatus.WAITING) {
            return Optional.empty();
        }
        Instant horizon = Instant.now().plus(TIMER_HORIZON);
        List<StepInfo> steps = baton.steps(run.id());
        boolean inProgress = false;
        for (StepInfo step : steps) {
            if (step.kind() == StepKind.CHILD && !isFinal(step.status())) {
                inProgress = true;
                if (step.detail() != null && depth < MAX_CHILD_DEPTH) {
                    Optional<BlockingWait> child = baton.findRun(step.detail())
                            .filter(c -> !c.status().isTerminal())
                            .flatMap(c -> blockingWait(c, sent, depth + 1));
                    if (child.isPresent()) {
                        return child;
                    }
                }
                continue;
            }
            if (step.status() != StepStatus.WAITING) {
                continue;
            }
            if (step.kind() == StepKind.SIGNAL) {
                if (sent != null && sent.answers(run.id(), step)) {
                    inProgress = true;
                    continue;
                }
                return Optional.of(new BlockingWait(run.id(), "signal '" + step.name() + "'", step.name(), step.wakeAt()));
            }
            if (step.wakeAt() != null && step.wakeAt().isAfter(horizon)) {
                return Optional.of(new BlockingWait(run.id(), describe(step), null, step.wakeAt()));
            }
            inProgress = true;
        }
        if (!inProgress && run.wakeAt() != null && run.wakeAt().isAfter(horizon)) {
            // Waiting for something that is not one of its steps, e.g. a worker that has its workflow.
            return Optional.of(new BlockingWait(run.id(), run.waitingFor() == null ? "its next due time" : run.waitingFor(),
                    null, run.wakeAt()));
        }
        return Optional.empty();
    }

    private static String describe(StepInfo step) {
        return switch (step.kind()) {
            case SLEEP -> step.detail() != null && step.detail().startsWith("sleep") ? step.detail() : "a sleep";
            case STEP -> "the retry of step '" + step.name() + "'";
            default -> step.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + step.name() + "'";
        };
    }

    private static boolean isFinal(StepStatus status) {
        return status == StepStatus.COMPLETED || status == StepStatus.FAILED || status == StepStatus.CANCELLED;
    }

    /**
     * @param runId a run
     * @param name  a signal's name
     * @return the marker to pass to {@link #follow} after sending that signal
     */
    SentSignal sent(String runId, String name) {
        int max = baton.steps(runId).stream().mapToInt(StepInfo::seq).max().orElse(0);
        return new SentSignal(runId, name, max);
    }
}
