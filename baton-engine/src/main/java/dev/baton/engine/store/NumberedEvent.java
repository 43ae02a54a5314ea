package dev.baton.engine.store;

/**
 * A timeline entry with the id the store gave it, for readers that follow the timeline of all
 * runs in order (the alert evaluator's cursor).
 *
 * @param id    assigned by the store, increasing in insertion order
 * @param event the entry
 */
public record NumberedEvent(long id, EventRow event) {
}
