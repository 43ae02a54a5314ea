package dev.baton.engine.manifest;

import java.util.List;

/**
 * One item a deploy adds, removes or changes, with its fields before and after.
 *
 * @param action ADDED, REMOVED or CHANGED
 * @param kind   workflow, schedule, trigger or lock
 * @param name   the item: a workflow or lock name, {@code Workflow / schedule-id}, {@code Workflow after Upstream on SUCCESS}
 * @param fields the fields that differ (all of them for an added or removed item)
 */
public record Change(Action action, String kind, String name, List<FieldChange> fields) {

    /** What a deploy does to an item. */
    public enum Action {
        /** New in the manifest being planned. */
        ADDED,
        /** In the deployed manifest only. */
        REMOVED,
        /** In both, with different fields. */
        CHANGED
    }

    /** Copies the list. */
    public Change {
        fields = List.copyOf(fields);
    }

    /**
     * One field of an item, before and after.
     *
     * @param field  the field
     * @param before its deployed value, or null when absent
     * @param after  its planned value, or null when absent
     */
    public record FieldChange(String field, String before, String after) {
    }
}
