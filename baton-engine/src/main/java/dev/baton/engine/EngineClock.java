package dev.baton.engine;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The engine's source of time, and the way its threads wait for time to pass. Engine code never
 * reads the system clock nor parks for a duration directly, so that a test kit can substitute
 * virtual time in which a two-day sleep passes in milliseconds: every timed wait goes through a
 * {@link Parker}, and every thread the engine starts goes through {@link #track(Runnable)}, so
 * that virtual time knows when all of the engine's threads are waiting and time may jump.
 */
public interface EngineClock {

    /** @return now, in epoch milliseconds */
    long millis();

    /** @return a new parking place for one thread at a time, woken by time or by {@link Parker#unpark()} */
    default Parker newParker() {
        return new SystemParker();
    }

    /**
     * Wraps a task that the engine is about to run on a thread of its own. The system clock runs it
     * as it is; virtual time counts the thread as busy from this call until the task ends.
     *
     * @param task the thread's work
     * @return the task to start
     */
    default Runnable track(Runnable task) {
        return task;
    }

    /**
     * Parks the calling thread for {@code millis} of this clock's time.
     *
     * @param millis how long
     * @throws InterruptedException when interrupted
     */
    default void sleep(long millis) throws InterruptedException {
        Parker parker = newParker();
        long until = millis() + millis;
        for (long left = millis; left > 0; left = until - millis()) {
            parker.park(left);
        }
    }

    /** The system clock. */
    EngineClock SYSTEM = System::currentTimeMillis;

    /**
     * Where one thread waits until woken or until time has passed. An unpark that comes before the
     * park is kept, so the park returns at once: a wake-up is never lost between a check and a park.
     */
    interface Parker {
        /**
         * @param millis the longest wait, in the clock's milliseconds
         * @return true when woken by {@link #unpark()}, false when the time passed
         * @throws InterruptedException when the thread is interrupted while parked
         */
        boolean park(long millis) throws InterruptedException;

        /** Wakes the parked thread, or the next park when none is parked. */
        void unpark();
    }

    /** A parker in real time. */
    final class SystemParker implements Parker {
        private final Semaphore permits = new Semaphore(0);

        @Override
        public boolean park(long millis) throws InterruptedException {
            if (permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                permits.drainPermits();
                return true;
            }
            return false;
        }

        @Override
        public void unpark() {
            permits.release();
        }
    }
}
