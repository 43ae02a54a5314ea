package dev.baton.engine.run;

import java.util.HashSet;
import java.util.Set;

/**
 * The threads running step bodies of a run that its cancellation interrupts. A cancel is
 * delivered again and again until the run ends (every process that owns a run re-reads the
 * request), so an interrupt must reach only the bodies it is meant for: those that began before
 * the cancel was delivered to the workflow's code, never a compensation step that a {@code finally}
 * block runs afterwards. Entering, leaving and interrupting take one lock, and leaving clears the
 * thread's interrupt, so that an interrupt aimed at one body can never land in the next one.
 */
final class StepThreads {
    private final Set<Thread> threads = new HashSet<>();

    /** The current thread runs a body that a cancel interrupts, until {@link #leave}. */
    synchronized void enter() {
        threads.add(Thread.currentThread());
    }

    /** The current thread's body is over: no interrupt of this run reaches it any more. */
    synchronized void leave() {
        threads.remove(Thread.currentThread());
        // An interrupt that arrived as the body returned must not leak into what the thread does next.
        Thread.interrupted();
    }

    /** Interrupts every body that has entered and not left. */
    synchronized void interruptAll() {
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }
}
