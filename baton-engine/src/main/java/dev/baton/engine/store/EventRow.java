package dev.baton.engine.store;

/**
 * An entry of a run's timeline.
 *
 * @param runId  the run
 * @param at     when, epoch ms
 * @param type   what, e.g. RUN_STARTED
 * @param detail more, or null
 */
public record EventRow(String runId, long at, String type, String detail) {
}
