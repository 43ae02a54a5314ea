package dev.baton;

/**
 * Receives progress events of the runs executing in this process. Called on the runs' own
 * threads: keep it quick and never block.
 */
@FunctionalInterface
public interface RunListener {
    /** @param event what happened */
    void onEvent(RunEvent event);
}
