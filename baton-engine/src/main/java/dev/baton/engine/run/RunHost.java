package dev.baton.engine.run;

import dev.baton.RunEvent;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.EngineClock;
import dev.baton.engine.codec.Codec;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.write.GroupCommitter;

/** What a run's execution needs from the engine around it. */
public interface RunHost {

    /** Locks named so are workflows' concurrency pools: {@code workflow:NAME} or {@code workflow:NAME:KEY}. */
    String CONCURRENCY_PREFIX = "workflow:";

    /** @return the store, for reads */
    Store store();

    /** @return the single writer */
    GroupCommitter writer();

    /** @return the JSON codec */
    Codec codec();

    /** @return the engine's clock */
    EngineClock clock();

    /** @return what surrounds each executed step attempt ({@link StepInterceptor#NONE} in production) */
    StepInterceptor stepInterceptor();

    /** @return where steps' secrets come from */
    dev.baton.SecretProvider secrets();

    /** @return the masker of resolved secret values */
    dev.baton.engine.secrets.SecretMasker masker();

    /** @return this worker's id */
    String workerId();

    /** @return the lease on a claimed run, ms */
    long leaseMillis();

    /** @return the longest wait kept in memory before the thread is released, ms */
    long inMemoryWaitMillis();

    /**
     * @param workflow a name
     * @return its definition, or null when not registered here
     */
    WorkflowDefinition<?, ?> workflow(String workflow);

    /**
     * @param type a workflow class
     * @return the name it is registered under
     * @throws dev.baton.WorkflowNotFoundException when no workflow of that class is registered
     */
    String workflowNameOf(Class<?> type);

    /** @return the registered workflow names */
    java.util.Collection<String> workflowNames();

    /**
     * Builds the row of a new run owned by this worker when it can execute it now, else pending.
     *
     * @param id             the run id
     * @param workflow       the workflow
     * @param inputJson      the normalised input
     * @param idempotencyKey the key, or null
     * @param parentRunId    the parent, or null
     * @param parentSeq      the parent's awaiting sequence number, or 0
     * @param priority       its rank among waiters for locks
     * @return the row
     */
    RunRow newRun(String id, String workflow, String inputJson, String idempotencyKey, String parentRunId, int parentSeq,
                  int priority);

    /**
     * Executes a run that this worker owns, now.
     *
     * @param run   the run
     * @param fresh true for a run just created here (no history to load)
     */
    void launch(RunRow run, boolean fresh);

    /**
     * @param name a lock's name (or a workflow's concurrency pool)
     * @return its declaration, or null when not declared
     */
    dev.baton.LockSpec lockSpec(String name);

    /** @param runIds runs made due (a lock was released): wake those parked in this process */
    void wakeRuns(java.util.List<String> runIds);

    /**
     * A trigger with the workflow it starts.
     *
     * @param downstream the workflow started
     * @param trigger    the trigger
     */
    record TriggerBinding(String downstream, dev.baton.Trigger trigger) {
    }

    /** @param workflow an upstream workflow @return the triggers its runs' ends may fire */
    java.util.List<TriggerBinding> triggersAfter(String workflow);

    /** @return whether any listener wants progress events (building them costs on the hot path) */
    boolean listening();

    /** @param event a progress event for the listeners */
    void emit(RunEvent event);

    /** Asks the work loop to look for due work now (a run unwound, a signal arrived). */
    void poke();

    /**
     * Requests cancellation of the run's unfinished child runs.
     *
     * @param parentRunId the parent
     */
    void cancelChildren(String parentRunId);

    /**
     * Called when an execution ends, whatever the reason.
     *
     * @param execution the execution
     */
    void ended(RunExecution execution);

    /**
     * Called when a run finished (completed, failed, cancelled), after its end is durable.
     *
     * @param run the run as finished
     */
    void finished(RunRow run);

    /**
     * Called when the store could not be written; the run resumes from its last checkpoint later.
     *
     * @param execution the execution that stopped
     * @param cause     the store's error
     */
    void paused(RunExecution execution, Throwable cause);

    /** @param runId a run @return its execution in this process, or null */
    RunExecution active(String runId);

    /** @return the engine's meters */
    dev.baton.engine.observe.EngineMetrics metrics();

    /** @return the spans of runs and steps */
    dev.baton.engine.observe.EngineTracing tracing();

    /** @return the most bytes of log one step attempt stores */
    long stepLogLimitBytes();
}
