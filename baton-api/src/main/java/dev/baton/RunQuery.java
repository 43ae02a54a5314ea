package dev.baton;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A filter over runs, newest first.
 *
 * @param workflow      only runs of this workflow, or null for all
 * @param statuses      only runs in these states; empty for all
 * @param createdAfter  only runs created at or after this instant, or null
 * @param createdBefore only runs created before this instant, or null
 * @param limit         the most runs returned, 1 to 10,000
 * @param offset        runs skipped first, for paging
 */
public record RunQuery(String workflow, Set<RunStatus> statuses, Instant createdAfter, Instant createdBefore,
                       int limit, int offset) {
    /** Validates the bounds. */
    public RunQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** @return the 100 newest runs of any workflow and state */
    public static RunQuery all() {
        return new RunQuery(null, Set.of(), null, null, 100, 0);
    }

    /** @param value a workflow name @return a copy */
    public RunQuery withWorkflow(String value) {
        return new RunQuery(value, statuses, createdAfter, createdBefore, limit, offset);
    }

    /** @param value states @return a copy */
    public RunQuery withStatuses(Set<RunStatus> value) {
        return new RunQuery(workflow, Objects.requireNonNull(value), createdAfter, createdBefore, limit, offset);
    }

    /** @param after lower bound or null @param before upper bound or null @return a copy */
    public RunQuery withCreated(Instant after, Instant before) {
        return new RunQuery(workflow, statuses, after, before, limit, offset);
    }

    /** @param value the most runs @return a copy */
    public RunQuery withLimit(int value) {
        return new RunQuery(workflow, statuses, createdAfter, createdBefore, value, offset);
    }

    /** @param value runs to skip @return a copy */
    public RunQuery withOffset(int value) {
        return new RunQuery(workflow, statuses, createdAfter, createdBefore, limit, value);
    }
}
