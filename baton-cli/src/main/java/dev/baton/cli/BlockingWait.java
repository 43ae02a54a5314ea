package dev.baton.cli;

import java.time.Instant;

/**
 * Why a run cannot go on in this process for now: it waits for a signal (someone must send it),
 * or for a time too far away to sit out.
 *
 * @param runId      the run that waits: the followed run or one of its child runs
 * @param waitingFor what it waits for, in words
 * @param signalName the awaited signal's name, or null for a timer
 * @param until      when the wait ends by itself, or null
 */
record BlockingWait(String runId, String waitingFor, String signalName, Instant until) {

    /** @return whether the run waits for a signal */
    boolean isSignal() {
        return signalName != null;
    }
}
