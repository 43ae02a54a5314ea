package dev.baton.engine.store;

import dev.baton.RunStatus;

import java.util.List;

/**
 * One change to the store. The engine's single writer collects writes of many runs and hands
 * them to {@link Store#apply} in batches; a batch is applied in one transaction, in order, and
 * each write yields a result (most yield null).
 *
 * <p>Every write that changes a run touches only the columns it names, so that concurrent
 * writers (other processes sharing the store) do not overwrite each other's changes.
 */
public sealed interface Write {

    /** @return the run this write concerns, or null for worker-level writes */
    String runId();

    /**
     * Inserts a run unless a run with the same id, or the same non-null idempotency key, exists.
     * Result: {@link CreateResult}.
     *
     * @param run the run to insert
     */
    record CreateRun(RunRow run) implements Write {
        @Override
        public String runId() {
            return run.id();
        }
    }

    /**
     * The fan-in start: inserts the run (as {@link CreateRun} does) only when every one of
     * {@code workflows} has a COMPLETED run of logical time {@code logicalTime}, counting the
     * writes before it in the same batch. Checked and inserted in one transaction, so that of two
     * upstream runs ending at once in different processes, the later one starts it. Result: a
     * {@link CreateResult}, or null when not every upstream workflow has succeeded yet.
     *
     * @param run         the run to start; its id should be derived from the logical time
     * @param workflows   the upstream workflows
     * @param logicalTime the shared logical time, epoch ms
     */
    record CreateRunIfAllCompleted(RunRow run, List<String> workflows, long logicalTime) implements Write {
        @Override
        public String runId() {
            return run.id();
        }
    }

    /**
     * Inserts or replaces the step row keyed by (runId, seq); the run must be stored (a step of
     * an unknown run fails the batch). Result: null.
     *
     * @param step the row
     */
    record UpsertStep(StepRow step) implements Write {
        @Override
        public String runId() {
            return step.runId();
        }
    }

    /**
     * Inserts a failed attempt (ignored when the same (runId, seq, attempt) exists). Result: null.
     *
     * @param attempt the row
     */
    record InsertAttempt(AttemptRow attempt) implements Write {
        @Override
        public String runId() {
            return attempt.runId();
        }
    }

    /**
     * Sets a non-terminal run RUNNING under {@code owner}'s lease: status, owner, lease_until;
     * started_at when null; clears wake_at and waiting_for; sets updated_at. A terminal run is
     * left unchanged. Result: Boolean, whether the row changed.
     *
     * @param runId      the run
     * @param owner      the worker
     * @param leaseUntil lease end, epoch ms
     * @param at         now, epoch ms
     */
    record MarkRunning(String runId, String owner, long leaseUntil, long at) implements Write {
    }

    /**
     * Sets a non-terminal run WAITING with its due time. When {@code release} is true the owner
     * and lease are cleared, so that any worker may claim the run when it is due; otherwise the
     * current owner keeps it (the run stays parked in that worker's memory). Result: null.
     *
     * @param runId      the run
     * @param wakeAt     when due, or null for "when woken"
     * @param waitingFor what it waits for, in words
     * @param release    whether to give up the lease
     * @param at         now, epoch ms
     */
    record MarkWaiting(String runId, Long wakeAt, String waitingFor, boolean release, long at) implements Write {
    }

    /**
     * Finishes a non-terminal run: status (COMPLETED, FAILED or CANCELLED), output, error,
     * ended_at; clears owner, lease, wake_at and waiting_for. A terminal run is left unchanged.
     * Result: Boolean, whether the row changed.
     *
     * @param runId      the run
     * @param status     the terminal state
     * @param output     the result JSON, or null
     * @param outputType the result's type, or null
     * @param error      the error JSON, or null
     * @param at         now, epoch ms
     */
    record FinishRun(String runId, RunStatus status, String output, String outputType, String error, long at)
            implements Write {
    }

    /**
     * Requests cancellation of a run that has not finished: sets cancel_requested; a WAITING
     * run becomes due at {@code at}. Result: the run's {@link RunStatus} before the write, or
     * null when the run does not exist.
     *
     * @param runId the run
     * @param at    now, epoch ms
     */
    record RequestCancel(String runId, long at) implements Write {
    }

    /**
     * Makes a WAITING run due at {@code at} unless it is due earlier already (a signal arrived,
     * a child finished). Any other state is left unchanged. Result: null.
     *
     * @param runId the run
     * @param at    now, epoch ms
     */
    record WakeRun(String runId, long at) implements Write {
    }

    /**
     * Makes a FAILED run runnable again from its last checkpoint: status PENDING; output, error,
     * ended_at, owner, lease, wake_at, waiting_for and cancel_requested cleared; updated_at set.
     * The FAILED step rows after the run's last COMPLETED step (the failure that ended the run,
     * or the failures of parallel steps beside it) are deleted with their failed attempts, so
     * that those steps run again with a fresh attempt count; every other step row is kept and
     * replays. A failed CHILD step among them is never deleted (its child run's id is taken):
     * when its child run (the step's detail) is FAILED, that child is retried in the same
     * transaction as by this write (recursively) and the step set back to RUNNING with its end,
     * output and error cleared, so that the parent awaits the child again; otherwise it is kept as
     * it was. A run in any other state is left unchanged. Result: the run's {@link RunStatus}
     * before the write, or null when the run does not exist.
     *
     * @param runId the run
     * @param at    now, epoch ms
     */
    record RetryRun(String runId, long at) implements Write {
    }

    /**
     * Appends an entry to a run's timeline. Result: null.
     *
     * @param event the entry
     */
    record AppendEvent(EventRow event) implements Write {
        @Override
        public String runId() {
            return event.runId();
        }
    }

    /**
     * Stores a signal (its id is assigned) and makes the run due now if it is WAITING, as
     * {@link WakeRun} does. Result: Long, the signal's id.
     *
     * @param signal the signal; its id and consumedSeq are ignored
     */
    record InsertSignal(SignalRow signal) implements Write {
        @Override
        public String runId() {
            return signal.runId();
        }
    }

    /**
     * Marks a signal consumed by the await at {@code seq}. Result: Boolean, whether it was
     * unconsumed until now.
     *
     * @param runId    the run
     * @param signalId the signal
     * @param seq      the await's sequence number
     */
    record ConsumeSignal(String runId, long signalId, int seq) implements Write {
    }

    /**
     * Claims up to {@code limit} runs that are due, oldest due first, for {@code owner}, setting
     * owner and lease_until (status is left as it is). A run is due when it is
     * <ul>
     *   <li>PENDING, unowned or with an expired lease;</li>
     *   <li>WAITING with wake_at &lt;= now, unowned, owned by {@code owner}, or with an expired lease;</li>
     *   <li>RUNNING, unowned (its worker stopped and released it) or owned by another worker whose
     *       lease has expired (the worker died).</li>
     * </ul>
     * The claim is atomic: two workers never claim the same run. When {@code acceptedVersions} is
     * given, only runs whose code version is one of them, or is not recorded (null), are claimed:
     * the runs of other versions are left for the workers that accept them. Result: List of
     * {@link Claim}.
     *
     * @param owner            the claiming worker
     * @param now              now, epoch ms
     * @param leaseUntil       the lease's end, epoch ms
     * @param limit            the most runs to claim, at least 1
     * @param acceptedVersions the code versions whose runs the worker executes, or null for any
     */
    record ClaimRuns(String owner, long now, long leaseUntil, int limit, List<String> acceptedVersions)
            implements Write {
        /** Copies the versions. */
        public ClaimRuns {
            acceptedVersions = acceptedVersions == null ? null : List.copyOf(acceptedVersions);
        }

        /** A claim of runs of any code version. */
        public ClaimRuns(String owner, long now, long leaseUntil, int limit) {
            this(owner, now, leaseUntil, limit, null);
        }

        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Extends the lease of every non-terminal run owned by {@code owner}. Result: Integer, the
     * number of runs.
     *
     * @param owner      the worker
     * @param leaseUntil the new lease end, epoch ms
     */
    record RenewLeases(String owner, long leaseUntil) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Releases every non-terminal run owned by {@code owner} (clean shutdown), or expires the
     * leases of a worker known to be dead: owner cleared, lease_until 0; a WAITING run keeps its
     * wake_at. Result: Integer, the number of runs.
     *
     * @param owner the worker
     */
    record ReleaseOwner(String owner) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Appends log lines of a step attempt (their ids are assigned). Result: null.
     *
     * @param line the line
     */
    record AppendLog(LogRow line) implements Write {
        @Override
        public String runId() {
            return line.runId();
        }
    }

    /**
     * Takes a slot of a lock or pool for a step of a run (seq &gt; 0) or the run itself (seq 0), or
     * joins its line. Granted when the caller already holds it (a run resumed after a crash: it
     * gets a new token, so that the old execution's late writes can be refused), or when fewer
     * than {@code slots} hold it and no waiter is ahead (higher priority, or the same priority
     * and an earlier arrival). A granted caller leaves the line and receives a token greater than
     * every token of that lock before. Otherwise the caller joins the line (once; its place is
     * kept) and the result lists the holders. Result: {@link LockGrant}.
     *
     * @param lock     the lock's name
     * @param runId    the run
     * @param seq      the step's sequence number, or 0 for the run
     * @param slots    the lock's capacity
     * @param priority the run's priority
     * @param at       now, epoch ms
     */
    record AcquireLock(String lock, String runId, int seq, int slots, int priority, long at) implements Write {
    }

    /**
     * Gives up the slots held and the places in line of a step (seq &gt; 0), or of the whole run
     * and all its steps (seq 0). Each freed slot is granted, in the same transaction and with a new
     * fencing token, to the first waiter in that lock's line, which is made due now as
     * {@link WakeRun} does: it finds the lock held when it wakes. A place left in line makes the
     * next waiter due to ask again. Result: List of the run ids made due.
     *
     * @param runId the run
     * @param seq   the step's sequence number, or 0 for everything the run holds or waits for
     * @param at    now, epoch ms
     */
    record ReleaseLocks(String runId, int seq, long at) implements Write {
    }

    /**
     * Inserts or updates a worker's row (its heartbeat). Result: null.
     *
     * @param worker the row
     */
    record UpsertWorker(WorkerRow worker) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Deletes a worker's row. Result: null.
     *
     * @param workerId the worker
     */
    record DeleteWorker(String workerId) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Stores a schedule's state unless it is stored already; a stored schedule keeps its state
     * (paused, last fire, held fire) across deploys. Result: Boolean, whether it was inserted.
     *
     * @param workflow   the workflow
     * @param scheduleId the schedule's id
     * @param at         now, epoch ms: the schedule has missed no fire before it
     */
    record RegisterSchedule(String workflow, String scheduleId, long at) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Records a schedule's fire, exactly once across processes: inserts the fire row unless one
     * with the same (workflow, scheduleId, logicalTime) exists, in which case the whole write does
     * nothing. Otherwise, in the same transaction: creates {@code run} (as {@link CreateRun}) when
     * given, raises the schedule's last handled time to the fire's logical time, and
     * <ul>
     *   <li>for a {@code BUFFERED} fire, holds it, turning a fire held before into {@code SKIPPED};</li>
     *   <li>when {@code dropBuffered}, turns the held fire into {@code SKIPPED} and holds none.</li>
     * </ul>
     * Result: Boolean, whether the fire was recorded now.
     *
     * @param fire         the fire
     * @param run          the run to create for a {@code STARTED} fire, or null
     * @param dropBuffered whether to drop the held fire (overlap CANCEL_PREVIOUS)
     */
    record RecordFire(FireRow fire, RunRow run, boolean dropBuffered) implements Write {
        @Override
        public String runId() {
            return run == null ? null : run.id();
        }
    }

    /**
     * Starts a held fire once the schedule's running run has ended: turns its fire row from
     * {@code BUFFERED} to {@code STARTED} with the run, creates the run and clears the held fire,
     * in one transaction. Does nothing when the fire is no longer held (another worker started or
     * replaced it). Result: Boolean, whether it started now.
     *
     * @param workflow    the workflow
     * @param scheduleId  the schedule's id
     * @param logicalTime the held fire's logical time
     * @param run         the run to create
     * @param at          now, epoch ms
     */
    record StartBufferedFire(String workflow, String scheduleId, long logicalTime, RunRow run, long at)
            implements Write {
        @Override
        public String runId() {
            return run.id();
        }
    }

    /**
     * Pauses or resumes a stored schedule. Result: Boolean, whether the schedule exists.
     *
     * @param workflow   the workflow
     * @param scheduleId the schedule's id
     * @param paused     the new state
     */
    record SetSchedulePaused(String workflow, String scheduleId, boolean paused) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Records a deploy: appends a row to the deployment history (rows are never changed). Result:
     * Long, the id assigned to it, greater than every id before.
     *
     * @param deployment the deploy; its id is ignored
     */
    record RecordDeployment(DeploymentRow deployment) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Takes (or renews) the lease on the store's alert evaluation, so that one process in the
     * cluster evaluates at a time. The first claim on a store starts the cursor at the newest
     * timeline entry, so that history is not alerted on. Result: the {@link AlertCursor} when
     * {@code owner} holds the lease now, or null when another process holds it.
     *
     * @param owner        the claiming worker
     * @param now          now, epoch ms
     * @param leaseUntil   the lease's end, epoch ms
     * @param takeOverFrom a worker known to be dead (its process is gone) whose lease is taken over
     *                     before it runs out, or null
     */
    record ClaimAlertEvaluator(String owner, long now, long leaseUntil, String takeOverFrom) implements Write {
        /** A claim that waits for another holder's lease to run out. */
        public ClaimAlertEvaluator(String owner, long now, long leaseUntil) {
            this(owner, now, leaseUntil, null);
        }

        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Records one evaluation pass: moves the cursor from {@code fromEventId} to
     * {@code toEventId} and applies the changes, all only when {@code owner} still holds the
     * evaluator's lease and the cursor is still at {@code fromEventId} (otherwise nothing is
     * applied, so a process whose lease ran out never records a pass twice). Result: Boolean,
     * whether it was applied.
     *
     * @param owner       the worker holding the lease
     * @param fromEventId the cursor the pass started from
     * @param toEventId   the last timeline entry it evaluated
     * @param checkedAt   the time its deadline and fire checks covered, epoch ms
     * @param changes     incidents opened or updated, deliveries queued, marks
     */
    record RecordAlertPass(String owner, long fromEventId, long toEventId, long checkedAt, List<AlertChange> changes)
            implements Write {
        /** Copies the list. */
        public RecordAlertPass {
            changes = List.copyOf(changes);
        }

        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Claims up to {@code limit} PENDING deliveries that are due and not leased by a live owner,
     * earliest due first, setting owner and lease. Atomic: two processes never claim the same
     * delivery. Result: List of {@link DeliveryRow}, as claimed.
     *
     * @param owner      the claiming worker
     * @param now        now, epoch ms
     * @param leaseUntil the lease's end, epoch ms
     * @param limit      the most deliveries, at least 1
     */
    record ClaimDeliveries(String owner, long now, long leaseUntil, int limit) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }

    /**
     * Records an attempt at a delivery claimed by {@code owner}, and the delivery's new state
     * ({@code status} SENT, FAILED, or PENDING again until {@code attempt.nextAttemptAt()}), and
     * releases its lease. Result: Boolean, whether {@code owner} still held it (otherwise nothing
     * is changed).
     *
     * @param owner   the worker that claimed it
     * @param attempt the attempt
     * @param status  the delivery's new status
     */
    record RecordDeliveryAttempt(String owner, DeliveryAttemptRow attempt, String status) implements Write {
        @Override
        public String runId() {
            return null;
        }
    }
}
