package dev.baton.engine.manifest;

import dev.baton.BatonBuilder;
import dev.baton.LockSpec;
import dev.baton.Schedule;
import dev.baton.Trigger;
import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.schedule.TriggerGraph;
import dev.baton.engine.scheduler.ScheduleRegistry;
import dev.baton.spi.BatonConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Manifest} of an application from its declarations, checked as the engine
 * checks them when it is built (schedules, triggers that name registered workflows and form no
 * cycle, locks that are declared), without opening a store.
 */
public final class Manifests {
    private Manifests() {
    }

    /**
     * @param config      the declarations, as {@link BatonBuilder#config()} gives them
     * @param codeVersion the code's version, or null
     * @return the manifest
     * @throws IllegalArgumentException naming the workflow and the field when a declaration is invalid
     */
    public static Manifest of(BatonConfig config, String codeVersion) {
        Set<String> names = new LinkedHashSet<>();
        config.workflows().forEach(w -> names.add(w.name()));
        new ScheduleRegistry(config.schedules(), names); // the engine's own checks of every schedule
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        config.triggers().forEach((downstream, triggers) -> {
            for (Trigger trigger : triggers) {
                for (String upstream : trigger.upstream()) {
                    if (!names.contains(upstream)) {
                        throw new IllegalArgumentException("workflow '" + downstream + "', field trigger: upstream workflow '"
                                + upstream + "' is not registered; registered: " + String.join(", ", names));
                    }
                    graph.computeIfAbsent(upstream, k -> new LinkedHashSet<>()).add(downstream);
                }
            }
        });
        TriggerGraph.requireAcyclic(graph);
        Set<String> declaredLocks = new LinkedHashSet<>();
        config.locks().forEach(l -> declaredLocks.add(l.name()));

        List<Manifest.WorkflowItem> workflows = new ArrayList<>();
        for (WorkflowDefinition<?, ?> definition : config.workflows()) {
            for (String lock : definition.locks()) {
                if (!declaredLocks.contains(lock)) {
                    throw new IllegalArgumentException("workflow '" + definition.name() + "', field locks: lock '" + lock
                            + "' is not declared; declare it with BatonBuilder.lock(\"" + lock + "\")");
                }
            }
            workflows.add(new Manifest.WorkflowItem(definition.name(), definition.workflow().getClass().getName(),
                    definition.inputType().getTypeName(), definition.description(), definition.locks(),
                    definition.concurrency(), definition.concurrencyKey() != null,
                    schedules(config.schedules().get(definition.name())),
                    unique(config.triggers().get(definition.name())), definition.owner(), definition.runbook(),
                    definition.deadline() == null ? null : definition.deadline().toString(),
                    definition.alertRules() == null ? null
                            : definition.alertRules().stream().map(Enum::name).toList()));
        }
        List<Manifest.LockItem> locks = new ArrayList<>();
        for (LockSpec lock : config.locks()) {
            locks.add(new Manifest.LockItem(lock.name(), lock.slots(), lock.policy().name(),
                    lock.maxWait() == null ? null : lock.maxWait().toString()));
        }
        return new Manifest(Manifest.FORMAT, codeVersion, workflows, locks);
    }

    /**
     * @param catalogs    catalogs whose {@link WorkflowCatalog#register} declares the application
     * @param codeVersion the code's version, or null
     * @return the manifest of all of them together
     */
    public static Manifest of(Collection<? extends WorkflowCatalog> catalogs, String codeVersion) {
        BatonBuilder builder = dev.baton.Baton.builder();
        catalogs.forEach(builder::workflows);
        return of(builder.config(), codeVersion);
    }

    private static List<Manifest.ScheduleItem> schedules(List<Schedule> schedules) {
        return schedules == null ? List.of() : schedules.stream().map(Manifest.ScheduleItem::of).toList();
    }

    private static List<Manifest.TriggerItem> unique(List<Trigger> triggers) {
        if (triggers == null) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(triggers)).stream().map(Manifest.TriggerItem::of).toList();
    }
}
