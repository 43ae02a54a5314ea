package dev.baton.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for tests: time stands still while any engine thread works, and jumps to the next
 * deadline as soon as every engine thread waits. A two-day sleep, a month of cron fires or an
 * hour of retry backoff pass in milliseconds, in the order real time would give them.
 *
 * <p>Time moves only inside {@link #runUntil}, called by the test's own thread. The engine's threads
 * are known through {@link #track(Runnable)}; each timed wait of a tracked thread goes through a
 * {@link Parker} of this clock. "Every engine thread waits" means: every tracked thread is parked
 * here and every registered quiet check (the engine's writer has nothing queued) holds.
 */
public final class VirtualClock implements EngineClock {
    /** Whether the current thread was started through {@link #track(Runnable)}. */
    private static final ThreadLocal<VirtualClock> TRACKED = new ThreadLocal<>();
    /** How long the engine must stay idle, in real time, before time jumps: catches work that has not yet parked. */
    private static final long SETTLE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<VirtualParker> timers = new TreeSet<>(
            Comparator.comparingLong((VirtualParker p) -> p.deadline).thenComparingLong(p -> p.order));
    private final List<BooleanSupplier> quietChecks = new CopyOnWriteArrayList<>();
    /** Tracked threads that have begun, and those of them parked here: for saying which thread keeps time from moving. */
    private final java.util.Set<Thread> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<Thread> parkedThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long now;
    private long order;
    private int live;
    private int parked;
    private long version;
    private long jumps;
    private long parks;
    /** The last wake-ups between engine threads, for saying who keeps the engine busy when it never settles. */
    private final java.util.ArrayDeque<String> recentWakes = new java.util.ArrayDeque<>();
    private long busyNanos;
    private long settleNanos;

    /** @param start the virtual time to begin at */
    public VirtualClock(Instant start) {
        this.now = start.toEpochMilli();
    }

    @Override
    public long millis() {
        return now;
    }

    /** @return now, as an instant */
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public Parker newParker() {
        return new VirtualParker();
    }

    @Override
    public Runnable track(Runnable task) {
        lock.lock();
        try {
            live++;
            version++;
        } finally {
            lock.unlock();
        }
        return () -> {
            TRACKED.set(this);
            running.add(Thread.currentThread());
            try {
                task.run();
            } finally {
                running.remove(Thread.currentThread());
                TRACKED.remove();
                lock.lock();
                try {
                    live--;
                    version++;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /**
     * Adds a condition that must hold, besides all tracked threads waiting, before time may jump
     * (an engine adds "its writer has nothing queued").
     *
     * @param quiet true while the engine has no work in flight outside its tracked threads
     */
    public void addQuietCheck(BooleanSupplier quiet) {
        quietChecks.add(quiet);
    }

    /** @param quiet a check added before, of an engine that is gone */
    public void removeQuietCheck(BooleanSupplier quiet) {
        quietChecks.remove(quiet);
    }

    /**
     * Lets the engine work and time pass until {@code done} holds, time would pass {@code horizon},
     * or nothing is left that could ever happen.
     *
     * @param done        the condition waited for; checked whenever the engine is idle
     * @param horizon     time does not pass beyond this instant (it stops there)
     * @param realTimeout how long, in real time, the engine may work at a stretch without becoming idle
     * @return how the run ended
     * @throws IllegalStateException when the engine stays busy for {@code realTimeout} at a stretch
     */
    public Outcome runUntil(BooleanSupplier done, Instant horizon, Duration realTimeout) {
        long limit = horizon.toEpochMilli();
        while (true) {
            if (done.getAsBoolean()) {
                return Outcome.DONE;
            }
            // The limit is for each stretch of work between two jumps, not for the whole run of time.
            awaitIdle(System.nanoTime() + realTimeout.toNanos());
            if (done.getAsBoolean()) {
                return Outcome.DONE;
            }
            lock.lock();
            try {
                if (!idle()) {
                    continue;
                }
                if (timers.isEmpty()) {
                    return Outcome.NOTHING_LEFT;
                }
                long next = Math.max(now, timers.first().deadline);
                if (next > limit) {
                    now = Math.max(now, limit);
                    return Outcome.HORIZON;
                }
                now = next;
                jumps++;
                version++;
                while (!timers.isEmpty() && timers.first().deadline <= now) {
                    timers.pollFirst().expire();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Lets time pass by {@code duration}, with everything due in that time happening in order.
     *
     * @param duration    how much virtual time passes
     * @param realTimeout how long, in real time, the engine may work without becoming idle
     */
    public void advance(Duration duration, Duration realTimeout) {
        Instant until = Instant.ofEpochMilli(now).plus(duration);
        runUntil(() -> false, until, realTimeout);
        lock.lock();
        try {
            now = Math.max(now, until.toEpochMilli());
        } finally {
            lock.unlock();
        }
        awaitIdle(System.nanoTime() + realTimeout.toNanos());
    }

    /**
     * Sets the time forward to {@code instant}, waking every wait due by then; for when nothing is
     * due before it (after {@link #runUntil} ended at its horizon or with nothing left).
     *
     * @param instant the new now; ignored when not after now
     */
    public void jumpTo(Instant instant) {
        lock.lock();
        try {
            now = Math.max(now, instant.toEpochMilli());
            version++;
            while (!timers.isEmpty() && timers.first().deadline <= now) {
                timers.pollFirst().expire();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How {@link #runUntil} ended. */
    public enum Outcome {
        /** The condition holds. */
        DONE,
        /** Time reached the horizon first. */
        HORIZON,
        /** Every engine thread waits and none waits for a time: nothing more will happen by itself. */
        NOTHING_LEFT
    }

    /** @return a one-line account of the engine's threads, for error messages */
    public String describe() {
        lock.lock();
        try {
            return "virtual time " + Instant.ofEpochMilli(now) + ", " + live + " engine threads, " + parked
                    + " waiting, " + timers.size() + " timed waits, "
                    + quietChecks.stream().filter(q -> !q.getAsBoolean()).count() + " store writers busy; " + parks + " parks, " + jumps + " jumps so far, real time spent waiting for "
                    + "the engine " + busyNanos / 1_000_000 + " ms busy and " + settleNanos / 1_000_000 + " ms settling";
        } finally {
            lock.unlock();
        }
    }

    private List<String> wakes() {
        lock.lock();
        try {
            return List.copyOf(recentWakes);
        } finally {
            lock.unlock();
        }
    }

    private String busyThreads() {
        StringBuilder text = new StringBuilder();
        java.util.Set<Thread> shown = new java.util.LinkedHashSet<>();
        for (Thread thread : running) {
            if (!parkedThreads.contains(thread)) {
                shown.add(thread);
            }
        }
        // The engine's platform threads too (its writer is not tracked: it counts through the quiet checks).
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("baton-") && !parkedThreads.contains(thread)) {
                shown.add(thread);
            }
        }
        for (Thread thread : shown) {
            text.append(System.lineSeparator()).append("  ").append(thread.getName()).append(" (").append(thread.getState()).append(')');
            StackTraceElement[] frames = thread.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 30); i++) {
                text.append(System.lineSeparator()).append("      at ").append(frames[i]);
            }
        }
        return text.toString();
    }

    private void noteWake(Thread woken) {
        String by = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("dev.baton") && !f.getClassName().startsWith(VirtualClock.class.getName()))
                .limit(4).map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName()
                        + ":" + f.getLineNumber())
                .toList()).toString();
        if (recentWakes.size() == 12) {
            recentWakes.removeFirst();
        }
        recentWakes.addLast(Thread.currentThread().getName() + " woke " + (woken == null ? "?" : woken.getName()) + " from " + by);
    }

    private boolean idle() {
        if (parked < live) {
            return false;
        }
        for (BooleanSupplier quiet : quietChecks) {
            if (!quiet.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    private void awaitIdle(long realDeadline) {
        long began = System.nanoTime();
        while (true) {
            if (System.nanoTime() > realDeadline) {
                // Read outside the lock, so that the stacks show where the threads work, not this lock.
                String state = describe();
                String first = busyThreads();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                state = state + "; 300 ms later: " + describe();
                throw new IllegalStateException("the engine did not become idle in time (" + state
                        + "); a step may be blocked in real time. Threads of the engine not waiting for time:"
                        + first + System.lineSeparator() + "and 300 ms later:" + busyThreads() + System.lineSeparator()
                        + "The last wake-ups:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", wakes()));
            }
            long seen;
            lock.lock();
            try {
                if (!idle()) {
                    try {
                        changed.await(200, TimeUnit.MICROSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the engine", e);
                    }
                    continue;
                }
                seen = version;
            } finally {
                lock.unlock();
            }
            long settling = System.nanoTime();
            LockSupport.parkNanos(SETTLE_NANOS);
            lock.lock();
            try {
                long end = System.nanoTime();
                settleNanos += end - settling;
                if (version == seen && idle()) {
                    busyNanos += settling - began;
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** A parking place in virtual time. */
    private final class VirtualParker implements Parker {
        private final Condition wake = lock.newCondition();
        private final long order;
        private boolean permit;
        private boolean waiting;
        private boolean woken;
        private boolean counted;
        private long deadline;
        private Thread owner;

        private VirtualParker() {
            lock.lock();
            try {
                this.order = ++VirtualClock.this.order;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean park(long millis) throws InterruptedException {
            lock.lock();
            try {
                parks++;
                if (permit) {
                    permit = false;
                    return true;
                }
                if (millis <= 0) {
                    return false;
                }
                deadline = now + millis;
                owner = Thread.currentThread();
                waiting = true;
                woken = false;
                counted = TRACKED.get() == VirtualClock.this;
                if (counted) {
                    parked++;
                    parkedThreads.add(Thread.currentThread());
                }
                version++;
                timers.add(this);
                changed.signalAll();
                try {
                    while (waiting) {
                        wake.await();
                    }
                } finally {
                    if (waiting) {
                        // Interrupted: leave as if the wait had ended.
                        leave();
                    }
                }
                return woken;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void unpark() {
            lock.lock();
            try {
                if (waiting) {
                    noteWake(owner);
                    woken = true;
                    timers.remove(this);
                    leave();
                    wake.signal();
                } else {
                    permit = true;
                }
            } finally {
                lock.unlock();
            }
        }

        /** Time reached the deadline; called with the lock held, already removed from the timers. */
        private void expire() {
            leave();
            wake.signal();
        }

        private void leave() {
            timers.remove(this);
            waiting = false;
            if (counted) {
                parked--;
                counted = false;
                parkedThreads.remove(owner);
            }
            version++;
            changed.signalAll();
        }
    }
}
