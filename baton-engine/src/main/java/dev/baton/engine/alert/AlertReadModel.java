package dev.baton.engine.alert;

import dev.baton.alert.AlertIncident;
import dev.baton.alert.AlertRule;
import dev.baton.engine.store.DeliveryRow;
import dev.baton.engine.store.IncidentRow;
import dev.baton.engine.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Alert incidents and their deliveries as the public API shows them ({@link dev.baton.Baton#alerts}). */
public final class AlertReadModel {
    private AlertReadModel() {
    }

    /**
     * @param store the store
     * @param limit the most incidents
     * @return the newest incidents with their deliveries
     */
    public static List<AlertIncident> incidents(Store store, int limit) {
        List<IncidentRow> incidents = store.incidents(limit);
        Map<Long, List<AlertIncident.Delivery>> byIncident = new HashMap<>();
        for (DeliveryRow d : store.deliveries(incidents.stream().map(IncidentRow::id).toList())) {
            byIncident.computeIfAbsent(d.incidentId(), id -> new ArrayList<>()).add(new AlertIncident.Delivery(d.id(),
                    d.channel(), d.action(), d.status(), d.attempts(), d.lastResult(), instant(d.nextAttemptAt()),
                    Instant.ofEpochMilli(d.createdAt()), Instant.ofEpochMilli(d.updatedAt())));
        }
        List<AlertIncident> result = new ArrayList<>();
        for (IncidentRow i : incidents) {
            result.add(new AlertIncident(i.id(), i.dedupKey(), i.workflow(), AlertRule.valueOf(i.cause()), i.open(),
                    i.count(), Instant.ofEpochMilli(i.firstAt()), Instant.ofEpochMilli(i.lastAt()),
                    instant(i.resolvedAt()), i.runId(), i.summary(), byIncident.getOrDefault(i.id(), List.of())));
        }
        return result;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
