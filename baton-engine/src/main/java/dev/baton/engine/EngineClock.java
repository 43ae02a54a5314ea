package dev.baton.engine;

/**
 * The engine's source of time. Engine code never reads the system clock directly, so that a test
 * kit can substitute virtual time.
 */
public interface EngineClock {

    /** @return now, in epoch milliseconds */
    long millis();

    /** The system clock. */
    EngineClock SYSTEM = System::currentTimeMillis;
}
