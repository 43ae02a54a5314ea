package dev.baton;

import dev.baton.alert.AlertRule;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A workflow as registered: its name, its input type, the code, and a description.
 *
 * @param name        the name runs are started by; letters, digits, '-', '_' and '.'
 * @param inputType   the type the input JSON is read into
 * @param workflow    the code
 * @param description what it does, for people, or empty
 * @param locks       locks and pools each run holds from its start to its end; default none
 * @param concurrency the most runs of this workflow executing at once (per key, when a key is
 *                    given); 0 for no limit (the default)
 * @param concurrencyKey the key that a concurrency limit applies per, from the input (for
 *                    instance the customer id), or null for one limit for the whole workflow
 * @param owner       who answers for it (a team or a person), shown in the catalog; or null
 * @param runbook     a link to what to do when it fails, shown in the catalog; or null
 * @param deadline    how long a run may take, counted from its logical time (scheduled runs) or
 *                    its creation; past it the {@link AlertRule#DEADLINE_MISSED}
 *                    alert fires. Null for none
 * @param alertRules  the alert rules for this workflow, or null for the application's defaults
 * @param <I>         the input type
 * @param <O>         the output type
 */
public record WorkflowDefinition<I, O>(String name, Type inputType, Workflow<I, O> workflow, String description,
                                       List<String> locks, int concurrency,
                                       Function<? super I, String> concurrencyKey, String owner, String runbook,
                                       Duration deadline, Set<AlertRule> alertRules) {

    /** Validates the name and the fields. */
    public WorkflowDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(workflow, "workflow");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("workflow name must be 1-128 letters, digits, '.', '_' or '-' "
                    + "and start with a letter or digit, was '" + name + "'");
        }
        description = description == null ? "" : description;
        locks = List.copyOf(locks == null ? List.of() : locks);
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency of workflow '" + name + "' must be >= 0 (0: no limit), was "
                    + concurrency);
        }
        owner = owner == null || owner.isBlank() ? null : owner.strip();
        runbook = runbook == null || runbook.isBlank() ? null : runbook.strip();
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline of workflow '" + name + "' must be > 0, was " + deadline);
        }
        alertRules = alertRules == null ? null : alertRules.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(AlertRule.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(alertRules));
    }

    /**
     * A definition without deadline or alert rules of its own.
     *
     * @param name           the name
     * @param inputType      the input type
     * @param workflow       the code
     * @param description    what it does
     * @param locks          locks and pools each run holds
     * @param concurrency    the most runs at once, 0 for no limit
     * @param concurrencyKey the key a concurrency limit applies per, or null
     * @param owner          who answers for it, or null
     * @param runbook        what to do when it fails, or null
     */
    public WorkflowDefinition(String name, Type inputType, Workflow<I, O> workflow, String description,
                              List<String> locks, int concurrency, Function<? super I, String> concurrencyKey,
                              String owner, String runbook) {
        this(name, inputType, workflow, description, locks, concurrency, concurrencyKey, owner, runbook, null, null);
    }

    /**
     * A definition without owner or runbook.
     *
     * @param name           the name
     * @param inputType      the input type
     * @param workflow       the code
     * @param description    what it does
     * @param locks          locks and pools each run holds
     * @param concurrency    the most runs at once, 0 for no limit
     * @param concurrencyKey the key a concurrency limit applies per, or null
     */
    public WorkflowDefinition(String name, Type inputType, Workflow<I, O> workflow, String description,
                              List<String> locks, int concurrency, Function<? super I, String> concurrencyKey) {
        this(name, inputType, workflow, description, locks, concurrency, concurrencyKey, null, null);
    }

    /**
     * A definition without locks or concurrency limit.
     *
     * @param name        the name
     * @param inputType   the input type
     * @param workflow    the code
     * @param description what it does
     */
    public WorkflowDefinition(String name, Type inputType, Workflow<I, O> workflow, String description) {
        this(name, inputType, workflow, description, List.of(), 0, null);
    }

    /**
     * Defines a workflow from a class that implements {@link Workflow} with concrete type
     * arguments; its name is the class's simple name.
     *
     * @param workflow the workflow
     * @param <I>      the input type
     * @param <O>      the output type
     * @return the definition
     * @throws IllegalArgumentException when the input type cannot be read from the class (a lambda)
     */
    public static <I, O> WorkflowDefinition<I, O> of(Workflow<I, O> workflow) {
        Class<?> type = workflow.getClass();
        Type input = inputTypeOf(type);
        if (input == null || type.isSynthetic() || type.getSimpleName().contains("$$Lambda")) {
            throw new IllegalArgumentException("cannot tell the input type of workflow " + type.getName()
                    + " (a lambda or a raw type); register it with WorkflowDefinition.of(\"name\", InputType.class, workflow)");
        }
        return new WorkflowDefinition<>(defaultName(type), input, workflow, "");
    }

    /**
     * Defines a workflow, for instance a lambda, with an explicit name and input type.
     *
     * @param name      the name
     * @param inputType the input type
     * @param workflow  the workflow
     * @param <I>       the input type
     * @param <O>       the output type
     * @return the definition
     */
    public static <I, O> WorkflowDefinition<I, O> of(String name, Class<I> inputType, Workflow<I, O> workflow) {
        return new WorkflowDefinition<>(name, inputType, workflow, "");
    }

    /**
     * Defines a workflow whose input type is generic.
     *
     * @param name      the name
     * @param inputType the input type
     * @param workflow  the workflow
     * @param <I>       the input type
     * @param <O>       the output type
     * @return the definition
     */
    public static <I, O> WorkflowDefinition<I, O> of(String name, TypeRef<I> inputType, Workflow<I, O> workflow) {
        return new WorkflowDefinition<>(name, inputType.type(), workflow, "");
    }

    /** @param value the name @return a copy */
    public WorkflowDefinition<I, O> withName(String value) {
        return new WorkflowDefinition<>(value, inputType, workflow, description, locks, concurrency, concurrencyKey,
                owner, runbook, deadline, alertRules);
    }

    /** @param value what the workflow does, for people @return a copy */
    public WorkflowDefinition<I, O> withDescription(String value) {
        return new WorkflowDefinition<>(name, inputType, workflow, value, locks, concurrency, concurrencyKey,
                owner, runbook, deadline, alertRules);
    }

    /**
     * @param names locks or pools (declared with {@link BatonBuilder#lock}) each run holds from
     *              before its first step to its end, taken in name order
     * @return a copy
     */
    public WorkflowDefinition<I, O> withLocks(String... names) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, List.of(names), concurrency, concurrencyKey,
                owner, runbook, deadline, alertRules);
    }

    /**
     * @param max the most runs of this workflow executing at once; the others wait in line
     * @return a copy
     */
    public WorkflowDefinition<I, O> withConcurrency(int max) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, locks, max, null,
                owner, runbook, deadline, alertRules);
    }

    /**
     * @param max the most runs with the same key executing at once
     * @param key the key of a run, from its input (for instance the customer id)
     * @return a copy
     */
    public WorkflowDefinition<I, O> withConcurrency(int max, Function<? super I, String> key) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, locks, max, key,
                owner, runbook, deadline, alertRules);
    }

    /**
     * @param value who answers for the workflow, e.g. {@code "team-data"}; shown in the catalog
     * @return a copy
     */
    public WorkflowDefinition<I, O> withOwner(String value) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, locks, concurrency, concurrencyKey,
                value, runbook, deadline, alertRules);
    }

    /**
     * @param value a link to what to do when the workflow fails, e.g. a wiki page; shown in the catalog
     * @return a copy
     */
    public WorkflowDefinition<I, O> withRunbook(String value) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, locks, concurrency, concurrencyKey,
                owner, value, deadline, alertRules);
    }

    /**
     * @param value how long a run may take (from its logical time for scheduled runs, else from
     *              its creation) before the deadline alert fires; null for none
     * @return a copy
     */
    public WorkflowDefinition<I, O> withDeadline(Duration value) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, locks, concurrency, concurrencyKey,
                owner, runbook, value, alertRules);
    }

    /**
     * @param rules the alert rules for this workflow instead of the application's defaults; none
     *              to keep it quiet
     * @return a copy
     */
    public WorkflowDefinition<I, O> withAlertRules(AlertRule... rules) {
        return new WorkflowDefinition<>(name, inputType, workflow, description, locks, concurrency, concurrencyKey,
                owner, runbook, deadline, Set.of(rules));
    }

    /**
     * @param type a workflow class
     * @return the name a workflow of that class is registered under by {@link #of(Workflow)}
     */
    public static String defaultName(Class<?> type) {
        return type.getSimpleName();
    }

    private static Type inputTypeOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType p && p.getRawType() == Workflow.class) {
                    Type argument = p.getActualTypeArguments()[0];
                    return argument instanceof TypeVariable<?> ? null : argument;
                }
            }
        }
        return null;
    }
}
