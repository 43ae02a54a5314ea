package dev.baton.engine;

import dev.baton.LockSpec;
import dev.baton.Trigger;
import dev.baton.WorkflowDefinition;
import dev.baton.WorkflowNotFoundException;
import dev.baton.engine.run.RunHost;
import dev.baton.engine.run.RunHost.TriggerBinding;
import dev.baton.engine.schedule.RegistrationChecks;
import dev.baton.engine.schedule.TriggerGraph;
import dev.baton.engine.scheduler.BackfillPool;
import dev.baton.spi.BatonConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the application declared, checked once when the engine is built: its workflows (by name
 * and by class), its locks and pools (and the implicit pools of concurrency limits and
 * backfills), and its triggers indexed by upstream workflow. Every refusal names the workflow
 * and the field.
 */
final class Declarations {
    private static final String CONCURRENCY_PREFIX = RunHost.CONCURRENCY_PREFIX;

    private final Map<String, WorkflowDefinition<?, ?>> workflows = new LinkedHashMap<>();
    private final Map<Class<?>, String> namesByClass = new LinkedHashMap<>();
    private final Map<String, LockSpec> locks = new LinkedHashMap<>();
    private final Map<String, List<TriggerBinding>> triggersByUpstream = new LinkedHashMap<>();

    Declarations(BatonConfig config) {
        for (LockSpec lock : config.locks()) {
            if (lock.name().startsWith(CONCURRENCY_PREFIX) || lock.name().startsWith(BackfillPool.PREFIX)) {
                throw new IllegalArgumentException("lock names starting with '" + CONCURRENCY_PREFIX
                        + "' and '" + BackfillPool.PREFIX + "' are reserved for concurrency limits and backfills, was '"
                        + lock.name() + "'");
            }
            locks.put(lock.name(), lock);
        }
        for (WorkflowDefinition<?, ?> definition : config.workflows()) {
            for (String lock : definition.locks()) {
                if (!locks.containsKey(lock)) {
                    throw new IllegalArgumentException("workflow '" + definition.name() + "', field locks: lock '" + lock
                            + "' is not declared; declare it with BatonBuilder.lock(\"" + lock + "\") or .pool(\"" + lock
                            + "\", slots)");
                }
            }
            workflows.put(definition.name(), definition);
            namesByClass.putIfAbsent(definition.workflow().getClass(), definition.name());
        }
        indexTriggers(config.triggers());
    }

    /** Checks every trigger names registered workflows and that no cycle of triggers exists; indexes them by upstream. */
    private void indexTriggers(Map<String, List<Trigger>> triggers) {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (Map.Entry<String, List<Trigger>> entry : triggers.entrySet()) {
            for (Trigger trigger : entry.getValue()) {
                for (String upstream : trigger.upstream()) {
                    RegistrationChecks.requireKnownWorkflow(entry.getKey(), "trigger", upstream, workflows.keySet());
                    graph.computeIfAbsent(upstream, k -> new LinkedHashSet<>()).add(entry.getKey());
                    List<TriggerBinding> bindings = triggersByUpstream.computeIfAbsent(upstream, k -> new ArrayList<>());
                    TriggerBinding binding = new TriggerBinding(entry.getKey(), trigger);
                    if (!bindings.contains(binding)) {
                        bindings.add(binding);
                    }
                }
            }
        }
        TriggerGraph.requireAcyclic(graph);
    }

    /** @param upstream a workflow @return the triggers its runs' ends may fire */
    List<TriggerBinding> triggersAfter(String upstream) {
        return triggersByUpstream.getOrDefault(upstream, List.of());
    }

    /** @return every registered workflow, in registration order */
    Collection<WorkflowDefinition<?, ?>> workflows() {
        return workflows.values();
    }

    /** @param name a name @return its workflow, or null */
    WorkflowDefinition<?, ?> workflow(String name) {
        return workflows.get(name);
    }

    /** @param name a name @return its workflow @throws WorkflowNotFoundException naming the known ones */
    WorkflowDefinition<?, ?> require(String name) {
        WorkflowDefinition<?, ?> definition = workflows.get(name);
        if (definition == null) {
            throw new WorkflowNotFoundException(name, workflows.keySet());
        }
        return definition;
    }

    /** @param type a workflow class @return the name it is registered under */
    String nameOf(Class<?> type) {
        String name = namesByClass.get(type);
        if (name == null) {
            throw new WorkflowNotFoundException(WorkflowDefinition.defaultName(type) + " (class " + type.getName() + ")",
                    workflows.keySet());
        }
        return name;
    }

    /** @return the registered names */
    Collection<String> names() {
        return workflows.keySet();
    }

    /**
     * @param name a lock's name, a workflow's concurrency pool or a backfill's pool
     * @return its declaration, or null when it is none of them
     */
    LockSpec lockSpec(String name) {
        LockSpec declared = locks.get(name);
        int backfillSlots = BackfillPool.slotsOf(name);
        if (declared == null && backfillSlots > 0) {
            return LockSpec.pool(name, backfillSlots);
        }
        if (declared != null || !name.startsWith(CONCURRENCY_PREFIX)) {
            return declared;
        }
        String rest = name.substring(CONCURRENCY_PREFIX.length());
        int keyAt = rest.indexOf(':');
        WorkflowDefinition<?, ?> definition = workflows.get(keyAt < 0 ? rest : rest.substring(0, keyAt));
        return definition == null || definition.concurrency() < 1 ? null : LockSpec.pool(name, definition.concurrency());
    }
}
