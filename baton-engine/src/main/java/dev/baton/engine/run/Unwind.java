package dev.baton.engine.run;

/**
 * Thrown through workflow code to release a run's thread: the run waits long (it is resumed by
 * replay when due), the engine is stopping, or the store failed. An {@link Error}, so that
 * {@code catch (Exception e)} in workflow code does not swallow it; durable calls made by
 * {@code finally} blocks while it unwinds throw it again, so they have no effect.
 */
final class Unwind extends Error {
    private static final long serialVersionUID = 1L;

    Unwind(String reason) {
        super(reason, null, false, false);
    }
}
