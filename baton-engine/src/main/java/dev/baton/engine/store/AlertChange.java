package dev.baton.engine.store;

import java.util.List;

/** One change of an alert evaluation pass, applied by {@link Write.RecordAlertPass}. */
public sealed interface AlertChange {

    /**
     * Opens an incident and queues its first deliveries. Skipped when an incident of the same
     * dedup key is open (the pass that saw it is then stale; see {@link Write.RecordAlertPass}).
     *
     * @param incident   the incident, OPEN (or RESOLVED when it resolved within the same pass)
     * @param deliveries its notifications
     */
    record Open(IncidentRow incident, List<DeliveryRow> deliveries) implements AlertChange {
        /** Copies the list. */
        public Open {
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * Updates an open incident (a repeat, a reminder, or its resolution) and queues deliveries.
     *
     * @param incident   the incident's new state, by id
     * @param deliveries notifications to queue, may be empty
     */
    record Update(IncidentRow incident, List<DeliveryRow> deliveries) implements AlertChange {
        /** Copies the list. */
        public Update {
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * Remembers that a subject (a run's deadline, a fire) was alerted on, so it never is again.
     *
     * @param subject e.g. {@code deadline:<run id>}
     * @param at      when
     */
    record Mark(String subject, long at) implements AlertChange {
    }

    /**
     * Deletes marks made before {@code before}, at most {@code limit} of them, except the
     * deadline marks ({@code deadline:<run id>}) of runs not yet ended, which still keep their
     * run from being alerted twice.
     *
     * @param before marks made before this, epoch ms
     * @param limit  the most marks deleted, at least 1
     */
    record ForgetMarks(long before, int limit) implements AlertChange {
    }
}
