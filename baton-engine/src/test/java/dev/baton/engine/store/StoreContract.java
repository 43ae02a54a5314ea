package dev.baton.engine.store;

import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.StoreException;
import dev.baton.engine.store.Write.AppendEvent;
import dev.baton.engine.store.Write.ClaimRuns;
import dev.baton.engine.store.Write.ConsumeSignal;
import dev.baton.engine.store.Write.DeleteWorker;
import dev.baton.engine.store.Write.FinishRun;
import dev.baton.engine.store.Write.InsertAttempt;
import dev.baton.engine.store.Write.InsertSignal;
import dev.baton.engine.store.Write.MarkRunning;
import dev.baton.engine.store.Write.MarkWaiting;
import dev.baton.engine.store.Write.ReleaseOwner;
import dev.baton.engine.store.Write.RenewLeases;
import dev.baton.engine.store.Write.RequestCancel;
import dev.baton.engine.store.Write.RetryRun;
import dev.baton.engine.store.Write.UpsertStep;
import dev.baton.engine.store.Write.UpsertWorker;
import dev.baton.engine.store.Write.WakeRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.baton.engine.store.StoreFixtures.T0;
import static dev.baton.engine.store.StoreFixtures.run;
import static dev.baton.engine.store.StoreFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link Store} implementation must have, as stated in the javadoc of
 * {@link Store} and {@link Write}. A dialect's test extends this class and opens a fresh, empty
 * store per test; a dialect that can open a second store on the same database also overrides
 * {@link #openSecondStoreOnSameDatabase()}, which enables the tests of claims between processes.
 *
 * <p>Time is passed explicitly in every write (around {@link StoreFixtures#T0}); nothing sleeps.
 */
public abstract class StoreContract {
    private static final String ME = "worker-a";
    private static final String OTHER = "worker-b";
    private static final long LEASE = 30_000;

    /** The store under test, fresh and empty for each test. */
    protected Store store;
    private final List<Store> extraStores = new ArrayList<>();

    /** @return a new, empty store; closed by the suite after the test */
    protected abstract Store openStore();

    /**
     * @return a second store on the database of the last {@link #openStore()} (as a second process
     *         would open it), or null when the dialect cannot; closed by the suite after the test
     */
    protected Store openSecondStoreOnSameDatabase() {
        return null;
    }

    /**
     * @return a write that this store rejects inside {@link Store#apply}, used to check that a
     *         failed batch leaves nothing behind; by default a run without a workflow name, which
     *         every schema declares mandatory
     */
    protected Write aWriteTheStoreRejects() {
        return new Write.CreateRun(new RunRow("rejected", null, RunStatus.PENDING, "{}", null, null, null, null,
                null, 0, null, 0, null, null, false, T0, null, null, T0));
    }

    @BeforeEach
    void openTheStore() {
        store = openStore();
    }

    @AfterEach
    void closeTheStores() {
        for (Store extra : extraStores) {
            extra.close();
        }
        if (store != null) {
            store.close();
        }
    }

    // apply ----------------------------------------------------------------------------------

    @Test
    void anEmptyBatchYieldsNoResults() {
        assertThat(store.apply(List.of())).isEmpty();
    }

    @Test
    void applyReturnsOneResultPerWriteInOrder() {
        List<Object> results = store.apply(List.of(
                run("r1").create(),
                new UpsertStep(step("r1", 1, "charge", StepStatus.COMPLETED)),
                new MarkRunning("r1", ME, T0 + 60_000, T0 + 1),
                new AppendEvent(new EventRow("r1", T0, "RUN_STARTED", null)),
                new InsertSignal(new SignalRow(0, "r1", "approve", "true", T0 + 2, null)),
                new RenewLeases(ME, T0 + 90_000),
                new FinishRun("r1", RunStatus.COMPLETED, "1", "java.lang.Integer", null, T0 + 3),
                new UpsertWorker(new WorkerRow(ME, "host", 7, T0, T0))));

        assertThat(results).hasSize(8);
        assertThat(results.get(0)).isEqualTo(new CreateResult("r1", true));
        assertThat(results.get(1)).isNull();
        assertThat(results.get(2)).isEqualTo(true);
        assertThat(results.get(3)).isNull();
        assertThat(results.get(4)).isInstanceOf(Long.class);
        assertThat(results.get(5)).isEqualTo(1);
        assertThat(results.get(6)).isEqualTo(true);
        assertThat(results.get(7)).isNull();
    }

    @Test
    void aBatchThatFailsLeavesNothingApplied() {
        apply(run("before").create());

        assertThatThrownBy(() -> store.apply(List.of(
                run("r1").create(),
                new UpsertStep(step("r1", 1, "charge", StepStatus.COMPLETED)),
                new AppendEvent(new EventRow("r1", T0, "RUN_STARTED", null)),
                new MarkRunning("before", ME, T0 + 60_000, T0),
                new UpsertWorker(new WorkerRow(ME, "host", 7, T0, T0)),
                aWriteTheStoreRejects(),
                new UpsertStep(step("r1", 2, "ship", StepStatus.COMPLETED)))))
                .isInstanceOf(StoreException.class);

        assertThat(store.findRun("r1")).isEmpty();
        assertThat(store.steps("r1")).isEmpty();
        assertThat(store.events("r1")).isEmpty();
        assertThat(store.workers()).isEmpty();
        assertThat(store.findRun("before")).get().extracting(RunRow::status).isEqualTo(RunStatus.PENDING);
    }

    @Test
    void theStoreStillWorksAfterAFailedBatch() {
        assertThatThrownBy(() -> store.apply(List.of(run("r1").create(), aWriteTheStoreRejects())))
                .isInstanceOf(StoreException.class);

        assertThat(apply(run("r1").create())).containsExactly(new CreateResult("r1", true));
        assertThat(store.findRun("r1")).isPresent();
    }

    @Test
    void describeNamesTheStore() {
        assertThat(store.describe()).isNotBlank();
    }

    @Test
    void closeIsIdempotent() {
        store.close();
        store.close();
        store = null;
    }

    // CreateRun, findRun, findRunByIdempotencyKey --------------------------------------------

    @Test
    void createRunStoresEveryFieldOfTheRun() {
        RunRow row = run("r1").workflow("billing").status(RunStatus.WAITING).input("{\"a\":1}")
                .output("2", "java.lang.Integer").error("{\"message\":\"x\"}").idempotencyKey("key-1")
                .parent("parent", 3).owner(ME, T0 + 30_000).waiting(T0 + 500, "a timer")
                .cancelRequested(true).createdAt(T0 - 10).startedAt(T0 - 5).endedAt(T0 - 1).updatedAt(T0 + 7)
                .build();

        assertThat(apply(new Write.CreateRun(row))).containsExactly(new CreateResult("r1", true));
        assertThat(store.findRun("r1")).contains(row);
    }

    @Test
    void createRunKeepsNullableFieldsNull() {
        RunRow row = new RunRow("r1", "orders", RunStatus.PENDING, null, null, null, null, null, null, 0, null, 0,
                null, null, false, T0, null, null, T0);

        apply(new Write.CreateRun(row));

        assertThat(store.findRun("r1")).contains(row);
    }

    @Test
    void createRunWithAnIdThatExistsKeepsTheStoredRunAndSaysNotCreated() {
        RunRow first = run("r1").input("\"first\"").build();
        apply(new Write.CreateRun(first));

        Object result = one(run("r1").input("\"second\"").create());

        assertThat(result).isEqualTo(new CreateResult("r1", false));
        assertThat(store.findRun("r1")).contains(first);
    }

    @Test
    void createRunWithAnIdempotencyKeyInUseReturnsTheRunThatHoldsTheKey() {
        apply(run("r1").idempotencyKey("order-42").create());

        Object result = one(run("r2").idempotencyKey("order-42").create());

        assertThat(result).isEqualTo(new CreateResult("r1", false));
        assertThat(store.findRun("r2")).isEmpty();
    }

    @Test
    void theSameRunCreatedTwiceInOneBatchIsCreatedOnce() {
        List<Object> results = store.apply(List.of(
                run("r1").input("\"first\"").create(),
                run("r1").input("\"second\"").create()));

        assertThat(results).containsExactly(new CreateResult("r1", true), new CreateResult("r1", false));
        assertThat(store.findRun("r1")).get().extracting(RunRow::input).isEqualTo("\"first\"");
    }

    @Test
    void twoRunsWithTheSameIdempotencyKeyInOneBatchYieldTheFirst() {
        List<Object> results = store.apply(List.of(
                run("r1").idempotencyKey("k").create(),
                run("r2").idempotencyKey("k").create()));

        assertThat(results).containsExactly(new CreateResult("r1", true), new CreateResult("r1", false));
    }

    @Test
    void runsWithoutIdempotencyKeyNeverCollide() {
        List<Object> results = store.apply(List.of(run("r1").create(), run("r2").create()));

        assertThat(results).containsExactly(new CreateResult("r1", true), new CreateResult("r2", true));
    }

    @Test
    void findRunByIdempotencyKeyFindsTheRunStartedWithIt() {
        apply(run("r1").idempotencyKey("k1").create(), run("r2").idempotencyKey("k2").create());

        assertThat(store.findRunByIdempotencyKey("k2")).get().extracting(RunRow::id).isEqualTo("r2");
        assertThat(store.findRunByIdempotencyKey("unknown")).isEmpty();
    }

    @Test
    void findRunOfAnUnknownIdIsEmpty() {
        assertThat(store.findRun("nope")).isEmpty();
    }

    // UpsertStep, steps, step ----------------------------------------------------------------

    @Test
    void upsertStepStoresEveryFieldOfTheStep() {
        apply(run("r1").create());
        StepRow row = new StepRow("r1", 4, "wait-for-child", StepKind.CHILD, StepStatus.WAITING, 2, T0 + 1, T0 + 9,
                T0 + 100, "{\"ok\":true}", "java.util.Map", "{\"message\":\"m\"}", "child-7");

        assertThat(apply(new UpsertStep(row))).containsExactly((Object) null);
        assertThat(store.step("r1", 4)).contains(row);
    }

    @Test
    void upsertStepKeepsNullableFieldsNull() {
        apply(run("r1").create());
        StepRow row = new StepRow("r1", 1, "s", StepKind.NOW, StepStatus.RUNNING, 1, T0, null, null, null, null,
                null, null);

        apply(new UpsertStep(row));

        assertThat(store.step("r1", 1)).contains(row);
    }

    @Test
    void theLastUpsertOfAStepWins() {
        apply(run("r1").create());
        StepRow running = step("r1", 1, "charge", StepStatus.RUNNING);
        StepRow completed = step("r1", 1, "charge", StepStatus.COMPLETED);
        apply(new UpsertStep(running));

        apply(new UpsertStep(completed));

        assertThat(store.steps("r1")).containsExactly(completed);
    }

    @Test
    void theLastUpsertOfAStepWithinOneBatchWins() {
        apply(run("r1").create());
        StepRow failed = step("r1", 1, "charge", StepStatus.FAILED);

        store.apply(List.of(new UpsertStep(step("r1", 1, "charge", StepStatus.RUNNING)),
                new UpsertStep(step("r1", 1, "charge", StepStatus.COMPLETED)),
                new UpsertStep(failed)));

        assertThat(store.steps("r1")).containsExactly(failed);
    }

    @Test
    void stepsAreReturnedInSequenceOrderAndOnlyForTheirRun() {
        store.apply(List.of(run("r1").create(), run("r2").create(),
                new UpsertStep(step("r1", 10, "ten", StepStatus.COMPLETED)),
                new UpsertStep(step("r1", 2, "two", StepStatus.COMPLETED)),
                new UpsertStep(step("r2", 1, "other", StepStatus.COMPLETED)),
                new UpsertStep(step("r1", 1, "one", StepStatus.COMPLETED))));

        assertThat(store.steps("r1")).extracting(StepRow::seq).containsExactly(1, 2, 10);
        assertThat(store.steps("r2")).extracting(StepRow::name).containsExactly("other");
        assertThat(store.steps("r3")).isEmpty();
    }

    @Test
    void stepOfAnUnknownSequenceNumberIsEmpty() {
        apply(run("r1").create(), run("r2").create());
        apply(new UpsertStep(step("r1", 1, "one", StepStatus.COMPLETED)));

        assertThat(store.step("r1", 2)).isEmpty();
        assertThat(store.step("r2", 1)).isEmpty();
    }

    @Test
    void aStepOfARunThatIsNotStoredIsRefused() {
        assertThatThrownBy(() -> store.apply(List.of(new UpsertStep(step("ghost", 1, "one", StepStatus.COMPLETED)))))
                .isInstanceOf(StoreException.class);
        assertThat(store.steps("ghost")).isEmpty();
    }

    // InsertAttempt, attempts ----------------------------------------------------------------

    @Test
    void insertAttemptStoresAFailedAttempt() {
        AttemptRow attempt = new AttemptRow("r1", 3, 1, T0, T0 + 10, "{\"message\":\"timeout\"}", T0 + 1_000);

        assertThat(apply(new InsertAttempt(attempt))).containsExactly((Object) null);
        assertThat(store.attempts("r1")).containsExactly(attempt);
    }

    @Test
    void aFinalAttemptHasNoNextAttemptTime() {
        AttemptRow attempt = new AttemptRow("r1", 3, 2, T0, T0 + 10, "{}", null);

        apply(new InsertAttempt(attempt));

        assertThat(store.attempts("r1")).containsExactly(attempt);
    }

    @Test
    void insertingTheSameAttemptAgainIsIgnored() {
        AttemptRow first = new AttemptRow("r1", 1, 1, T0, T0 + 10, "{\"n\":1}", T0 + 100);
        apply(new InsertAttempt(first));

        apply(new InsertAttempt(new AttemptRow("r1", 1, 1, T0 + 50, T0 + 60, "{\"n\":2}", T0 + 200)));

        assertThat(store.attempts("r1")).containsExactly(first);
    }

    @Test
    void attemptsAreOrderedBySequenceNumberThenAttempt() {
        store.apply(List.of(
                new InsertAttempt(new AttemptRow("r1", 2, 1, T0, T0, "{}", T0)),
                new InsertAttempt(new AttemptRow("r1", 1, 2, T0, T0, "{}", T0)),
                new InsertAttempt(new AttemptRow("r2", 1, 1, T0, T0, "{}", T0)),
                new InsertAttempt(new AttemptRow("r1", 1, 1, T0, T0, "{}", T0))));

        assertThat(store.attempts("r1")).extracting(a -> a.seq() + "." + a.attempt())
                .containsExactly("1.1", "1.2", "2.1");
    }

    // MarkRunning ----------------------------------------------------------------------------

    @Test
    void markRunningTakesAPendingRunUnderTheLease() {
        apply(run("r1").create());

        Object changed = one(new MarkRunning("r1", ME, T0 + 30_000, T0 + 5));

        assertThat(changed).isEqualTo(true);
        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(row.owner()).isEqualTo(ME);
        assertThat(row.leaseUntil()).isEqualTo(T0 + 30_000);
        assertThat(row.startedAt()).isEqualTo(T0 + 5);
        assertThat(row.updatedAt()).isEqualTo(T0 + 5);
    }

    @Test
    void markRunningClearsTheWaitAndKeepsTheFirstStart() {
        apply(run("r1").startedAt(T0 + 1).waiting(T0 + 100, "a timer").create());

        apply(new MarkRunning("r1", ME, T0 + 30_000, T0 + 100));

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(row.wakeAt()).isNull();
        assertThat(row.waitingFor()).isNull();
        assertThat(row.startedAt()).isEqualTo(T0 + 1);
    }

    @Test
    void markRunningLeavesAFinishedRunUnchanged() {
        RunRow done = run("r1").status(RunStatus.COMPLETED).output("1", "java.lang.Integer").endedAt(T0 + 9).build();
        apply(new Write.CreateRun(done));

        Object changed = one(new MarkRunning("r1", ME, T0 + 30_000, T0 + 10));

        assertThat(changed).isEqualTo(false);
        assertThat(store.findRun("r1")).contains(done);
    }

    @Test
    void markRunningOfAnUnknownRunChangesNothing() {
        assertThat(one(new MarkRunning("nope", ME, T0 + 30_000, T0))).isEqualTo(false);
        assertThat(store.findRun("nope")).isEmpty();
    }

    @Test
    void runWritesLeaveTheColumnsTheyDoNotNameAlone() {
        RunRow original = run("r1").workflow("billing").input("{\"a\":1}").idempotencyKey("k")
                .parent("parent", 4).cancelRequested(true).createdAt(T0 - 100).startedAt(T0 - 50).build();
        apply(new Write.CreateRun(original));

        apply(new MarkRunning("r1", ME, T0 + 30_000, T0), new MarkWaiting("r1", T0 + 5, "timer", false, T0 + 1),
                new WakeRun("r1", T0 + 2), new RenewLeases(ME, T0 + 40_000),
                new FinishRun("r1", RunStatus.COMPLETED, "1", "java.lang.Integer", null, T0 + 3));

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.workflow()).isEqualTo("billing");
        assertThat(row.input()).isEqualTo("{\"a\":1}");
        assertThat(row.idempotencyKey()).isEqualTo("k");
        assertThat(row.parentRunId()).isEqualTo("parent");
        assertThat(row.parentSeq()).isEqualTo(4);
        assertThat(row.cancelRequested()).isTrue();
        assertThat(row.createdAt()).isEqualTo(T0 - 100);
        assertThat(row.startedAt()).isEqualTo(T0 - 50);
    }

    // MarkWaiting ----------------------------------------------------------------------------

    @Test
    void markWaitingWithReleaseGivesUpTheLease() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0));

        assertThat(apply(new MarkWaiting("r1", T0 + 5_000, "sleep 5s", true, T0 + 1))).containsExactly((Object) null);

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.WAITING);
        assertThat(row.wakeAt()).isEqualTo(T0 + 5_000);
        assertThat(row.waitingFor()).isEqualTo("sleep 5s");
        assertThat(row.owner()).isNull();
        assertThat(row.leaseUntil()).isZero();
        assertThat(row.updatedAt()).isEqualTo(T0 + 1);
    }

    @Test
    void markWaitingWithoutReleaseKeepsTheOwnerAndLease() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0));

        apply(new MarkWaiting("r1", T0 + 5_000, "sleep 5s", false, T0 + 1));

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.WAITING);
        assertThat(row.owner()).isEqualTo(ME);
        assertThat(row.leaseUntil()).isEqualTo(T0 + 30_000);
    }

    @Test
    void markWaitingWithoutDueTimeWaitsUntilWoken() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0));

        apply(new MarkWaiting("r1", null, "signal approve", true, T0 + 1));

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.WAITING);
        assertThat(row.wakeAt()).isNull();
        assertThat(row.waitingFor()).isEqualTo("signal approve");
    }

    @Test
    void markWaitingLeavesAFinishedRunUnchanged() {
        RunRow done = run("r1").status(RunStatus.FAILED).error("{}").endedAt(T0).build();
        apply(new Write.CreateRun(done));

        apply(new MarkWaiting("r1", T0 + 5, "x", true, T0 + 1));

        assertThat(store.findRun("r1")).contains(done);
    }

    // FinishRun ------------------------------------------------------------------------------

    @Test
    void finishRunCompletesARunAndClearsItsLeaseAndWait() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0),
                new MarkWaiting("r1", T0 + 50, "timer", false, T0 + 1));

        Object changed = one(new FinishRun("r1", RunStatus.COMPLETED, "\"done\"", "java.lang.String", null, T0 + 60));

        assertThat(changed).isEqualTo(true);
        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(row.output()).isEqualTo("\"done\"");
        assertThat(row.outputType()).isEqualTo("java.lang.String");
        assertThat(row.error()).isNull();
        assertThat(row.endedAt()).isEqualTo(T0 + 60);
        assertThat(row.owner()).isNull();
        assertThat(row.leaseUntil()).isZero();
        assertThat(row.wakeAt()).isNull();
        assertThat(row.waitingFor()).isNull();
    }

    @Test
    void finishRunRecordsAFailure() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0));

        apply(new FinishRun("r1", RunStatus.FAILED, null, null, "{\"message\":\"card declined\"}", T0 + 1));

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.FAILED);
        assertThat(row.error()).isEqualTo("{\"message\":\"card declined\"}");
        assertThat(row.output()).isNull();
    }

    @Test
    void finishRunLeavesAFinishedRunUnchanged() {
        apply(run("r1").create(), new FinishRun("r1", RunStatus.CANCELLED, null, null, "{}", T0 + 1));
        RunRow cancelled = store.findRun("r1").orElseThrow();

        Object changed = one(new FinishRun("r1", RunStatus.COMPLETED, "1", "java.lang.Integer", null, T0 + 2));

        assertThat(changed).isEqualTo(false);
        assertThat(store.findRun("r1")).contains(cancelled);
    }

    @Test
    void finishRunOfAnUnknownRunChangesNothing() {
        assertThat(one(new FinishRun("nope", RunStatus.COMPLETED, null, null, null, T0))).isEqualTo(false);
    }

    // RequestCancel, cancelRequested ---------------------------------------------------------

    @Test
    void requestCancelOfAnUnknownRunYieldsNull() {
        assertThat(one(new RequestCancel("nope", T0))).isNull();
        assertThat(store.findRun("nope")).isEmpty();
    }

    @Test
    void requestCancelOfARunningRunFlagsItAndYieldsRunning() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0));

        Object previous = one(new RequestCancel("r1", T0 + 1));

        assertThat(previous).isEqualTo(RunStatus.RUNNING);
        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.cancelRequested()).isTrue();
        assertThat(row.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void requestCancelOfAPendingRunYieldsPending() {
        apply(run("r1").create());

        assertThat(one(new RequestCancel("r1", T0 + 1))).isEqualTo(RunStatus.PENDING);
        assertThat(store.findRun("r1").orElseThrow().cancelRequested()).isTrue();
    }

    @Test
    void requestCancelMakesAWaitingRunDueNow() {
        apply(run("timer").waiting(T0 + 3_600_000, "sleep 1h").create(),
                run("signal").waiting(null, "signal approve").create());

        assertThat(apply(new RequestCancel("timer", T0 + 10), new RequestCancel("signal", T0 + 10)))
                .containsExactly(RunStatus.WAITING, RunStatus.WAITING);

        assertThat(store.findRun("timer").orElseThrow().wakeAt()).isEqualTo(T0 + 10);
        assertThat(store.findRun("signal").orElseThrow().wakeAt()).isEqualTo(T0 + 10);
        assertThat(store.findRun("timer").orElseThrow().cancelRequested()).isTrue();
    }

    @Test
    void requestCancelOfAFinishedRunYieldsItsStateAndChangesNothing() {
        RunRow done = run("r1").status(RunStatus.COMPLETED).endedAt(T0).build();
        apply(new Write.CreateRun(done));

        assertThat(one(new RequestCancel("r1", T0 + 1))).isEqualTo(RunStatus.COMPLETED);
        assertThat(store.findRun("r1")).contains(done);
    }

    // RetryRun ---------------------------------------------------------------------------------

    @Test
    void retryOfAnUnknownRunYieldsNull() {
        assertThat(one(new RetryRun("nope", T0))).isNull();
        assertThat(store.findRun("nope")).isEmpty();
    }

    @Test
    void retryOfAFailedRunMakesItPendingAndForgetsOnlyTheFailedStepsAfterTheLastCompletedOne() {
        apply(run("r1").create(), new MarkRunning("r1", ME, T0 + 30_000, T0),
                new UpsertStep(step("r1", 1, "caught", StepStatus.FAILED)),
                new UpsertStep(step("r1", 2, "load", StepStatus.COMPLETED)),
                new UpsertStep(step("r1", 3, "swap", StepStatus.FAILED)),
                new InsertAttempt(new AttemptRow("r1", 1, 1, T0, T0 + 1, "{}", null)),
                new InsertAttempt(new AttemptRow("r1", 3, 1, T0, T0 + 1, "{}", T0 + 10)),
                new InsertAttempt(new AttemptRow("r1", 3, 2, T0 + 10, T0 + 11, "{}", null)),
                new RequestCancel("r1", T0 + 1),
                new FinishRun("r1", RunStatus.FAILED, null, null, "{\"message\":\"boom\"}", T0 + 20));

        assertThat(one(new RetryRun("r1", T0 + 100))).isEqualTo(RunStatus.FAILED);

        RunRow row = store.findRun("r1").orElseThrow();
        assertThat(row.status()).isEqualTo(RunStatus.PENDING);
        assertThat(row.error()).isNull();
        assertThat(row.endedAt()).isNull();
        assertThat(row.owner()).isNull();
        assertThat(row.leaseUntil()).isZero();
        assertThat(row.cancelRequested()).isFalse();
        assertThat(row.updatedAt()).isEqualTo(T0 + 100);
        assertThat(store.steps("r1")).extracting(StepRow::seq).containsExactly(1, 2);
        assertThat(store.attempts("r1")).extracting(AttemptRow::seq).containsExactly(1);
        assertThat(claim(ME, T0 + 100, 10)).extracting(c -> c.run().id()).containsExactly("r1");
    }

    @Test
    void retryOfAParentRetriesTheFailedChildItFailedWithAndAwaitsItAgain() {
        apply(run("p").create(), run("p.2").parent("p", 2).create(), run("p.2.2").parent("p.2", 2).create(),
                run("p.3").parent("p", 3).create(),
                new UpsertStep(step("p", 1, "prepare", StepStatus.COMPLETED)),
                new UpsertStep(childCall("p", 2, "p.2")),
                new UpsertStep(childCall("p", 3, "p.3")),
                new UpsertStep(step("p.2", 1, "extract", StepStatus.COMPLETED)),
                new UpsertStep(childCall("p.2", 2, "p.2.2")),
                new UpsertStep(step("p.2.2", 1, "load", StepStatus.FAILED)),
                new InsertAttempt(new AttemptRow("p.2.2", 1, 1, T0, T0 + 1, "{}", null)),
                new FinishRun("p.2.2", RunStatus.FAILED, null, null, "{\"message\":\"boom\"}", T0 + 10),
                new FinishRun("p.2", RunStatus.FAILED, null, null, "{\"message\":\"boom\"}", T0 + 11),
                new FinishRun("p.3", RunStatus.CANCELLED, null, null, "{\"message\":\"cancelled\"}", T0 + 11),
                new FinishRun("p", RunStatus.FAILED, null, null, "{\"message\":\"boom\"}", T0 + 12));

        assertThat(one(new RetryRun("p", T0 + 100))).isEqualTo(RunStatus.FAILED);

        // Both failed runs down the tree are retried from their own checkpoints; the calls that awaited
        // them are RUNNING again, and the call of the cancelled child is kept as it was.
        for (String id : List.of("p", "p.2", "p.2.2")) {
            RunRow row = store.findRun(id).orElseThrow();
            assertThat(row.status()).as(id).isEqualTo(RunStatus.PENDING);
            assertThat(row.error()).as(id).isNull();
        }
        assertThat(store.findRun("p.3").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(store.steps("p")).extracting(StepRow::seq, StepRow::status).containsExactly(
                tuple(1, StepStatus.COMPLETED), tuple(2, StepStatus.RUNNING), tuple(3, StepStatus.FAILED));
        StepRow call = store.steps("p").get(1);
        assertThat(call.detail()).isEqualTo("p.2");
        assertThat(call.endedAt()).isNull();
        assertThat(call.error()).isNull();
        assertThat(store.steps("p.2")).extracting(StepRow::status)
                .containsExactly(StepStatus.COMPLETED, StepStatus.RUNNING);
        assertThat(store.steps("p.2.2")).isEmpty();
        assertThat(store.attempts("p.2.2")).isEmpty();
    }

    private static StepRow childCall(String runId, int seq, String childId) {
        return new StepRow(runId, seq, "child-workflow", StepKind.CHILD, StepStatus.FAILED, 1, T0, T0 + 10, null, null,
                null, "{\"message\":\"boom\"}", childId);
    }

    @Test
    void retryOfARunInAnyOtherStateYieldsItsStateAndChangesNothing() {
        RunRow done = run("done").status(RunStatus.COMPLETED).endedAt(T0).build();
        apply(new Write.CreateRun(done), run("pending").create(),
                new UpsertStep(step("pending", 1, "charge", StepStatus.FAILED)));

        assertThat(apply(new RetryRun("done", T0 + 1), new RetryRun("pending", T0 + 1)))
                .containsExactly(RunStatus.COMPLETED, RunStatus.PENDING);
        assertThat(store.findRun("done")).contains(done);
        assertThat(store.steps("pending")).hasSize(1);
    }

    @Test
    void cancelRequestedListsTheOwnersUnfinishedRunsWhoseCancellationWasRequested() {
        apply(run("mine").owner(ME, T0 + 30_000).status(RunStatus.RUNNING).create(),
                run("mine-not-requested").owner(ME, T0 + 30_000).status(RunStatus.RUNNING).create(),
                run("other").owner(OTHER, T0 + 30_000).status(RunStatus.RUNNING).create(),
                new RequestCancel("mine", T0), new RequestCancel("other", T0));

        assertThat(store.cancelRequested(ME)).containsExactly("mine");
        assertThat(store.cancelRequested(OTHER)).containsExactly("other");
        assertThat(store.cancelRequested("nobody")).isEmpty();
    }

    // WakeRun, nextWakeAt --------------------------------------------------------------------

    @Test
    void wakeRunMovesTheDueTimeOfAWaitingRunEarlier() {
        apply(run("r1").waiting(T0 + 1_000, "sleep").create());

        assertThat(apply(new WakeRun("r1", T0 + 10))).containsExactly((Object) null);

        assertThat(store.findRun("r1").orElseThrow().wakeAt()).isEqualTo(T0 + 10);
    }

    @Test
    void wakeRunNeverMovesTheDueTimeLater() {
        apply(run("r1").waiting(T0 + 5, "a child finished").create());

        apply(new WakeRun("r1", T0 + 10));

        assertThat(store.findRun("r1").orElseThrow().wakeAt()).isEqualTo(T0 + 5);
    }

    @Test
    void wakeRunMakesARunWaitingUntilWokenDue() {
        apply(run("r1").waiting(null, "signal").create());

        apply(new WakeRun("r1", T0 + 10));

        assertThat(store.findRun("r1").orElseThrow().wakeAt()).isEqualTo(T0 + 10);
    }

    @Test
    void wakeRunLeavesRunsThatAreNotWaitingUnchanged() {
        RunRow pending = run("pending").build();
        RunRow done = run("done").status(RunStatus.COMPLETED).build();
        apply(new Write.CreateRun(pending), new Write.CreateRun(done),
                run("running").create(), new MarkRunning("running", ME, T0 + 30_000, T0));
        RunRow running = store.findRun("running").orElseThrow();

        apply(new WakeRun("pending", T0 + 1), new WakeRun("done", T0 + 1), new WakeRun("running", T0 + 1),
                new WakeRun("unknown", T0 + 1));

        assertThat(store.findRun("pending")).contains(pending);
        assertThat(store.findRun("done")).contains(done);
        assertThat(store.findRun("running")).contains(running);
    }

    @Test
    void nextWakeAtIsTheEarliestDueTimeAmongWaitingRuns() {
        assertThat(store.nextWakeAt()).isEmpty();

        apply(run("late").waiting(T0 + 300, "t").create(), run("early").waiting(T0 + 100, "t").create(),
                run("woken").waiting(null, "signal").create(), run("pending").create());

        assertThat(store.nextWakeAt()).contains(T0 + 100);
    }

    @Test
    void nextWakeAtIgnoresRunsWaitingUntilWoken() {
        apply(run("r1").waiting(null, "signal").create());

        assertThat(store.nextWakeAt()).isEmpty();
    }

    // AppendEvent, events --------------------------------------------------------------------

    @Test
    void eventsAreReturnedOldestFirstInInsertionOrderAmongEqualTimes() {
        store.apply(List.of(
                new AppendEvent(new EventRow("r1", T0 + 5, "STEP_COMPLETED", "charge")),
                new AppendEvent(new EventRow("r1", T0, "RUN_CREATED", null)),
                new AppendEvent(new EventRow("r2", T0, "RUN_CREATED", null)),
                new AppendEvent(new EventRow("r1", T0 + 5, "STEP_STARTED", "ship")),
                new AppendEvent(new EventRow("r1", T0 + 5, "RUN_WAITING", "timer"))));
        apply(new AppendEvent(new EventRow("r1", T0 + 5, "RUN_WOKEN", null)));

        assertThat(store.events("r1")).containsExactly(
                new EventRow("r1", T0, "RUN_CREATED", null),
                new EventRow("r1", T0 + 5, "STEP_COMPLETED", "charge"),
                new EventRow("r1", T0 + 5, "STEP_STARTED", "ship"),
                new EventRow("r1", T0 + 5, "RUN_WAITING", "timer"),
                new EventRow("r1", T0 + 5, "RUN_WOKEN", null));
        assertThat(store.events("r3")).isEmpty();
    }

    // InsertSignal, nextSignal, ConsumeSignal ------------------------------------------------

    @Test
    void insertSignalAssignsIncreasingIds() {
        List<Object> ids = store.apply(List.of(
                new InsertSignal(new SignalRow(0, "r1", "approve", "1", T0, null)),
                new InsertSignal(new SignalRow(0, "r2", "approve", "2", T0, null))));
        Object third = one(new InsertSignal(new SignalRow(0, "r1", "approve", "3", T0 + 1, null)));

        assertThat((Long) ids.get(1)).isGreaterThan((Long) ids.get(0));
        assertThat((Long) third).isGreaterThan((Long) ids.get(1));
    }

    @Test
    void nextSignalIsTheOldestUnconsumedSignalOfThatName() {
        long first = (Long) one(new InsertSignal(new SignalRow(99, "r1", "approve", "\"yes\"", T0, 7)));
        one(new InsertSignal(new SignalRow(0, "r1", "approve", "\"again\"", T0 + 1, null)));
        one(new InsertSignal(new SignalRow(0, "r1", "reject", "\"no\"", T0 + 2, null)));

        assertThat(store.nextSignal("r1", "approve"))
                .contains(new SignalRow(first, "r1", "approve", "\"yes\"", T0, null));
        assertThat(store.nextSignal("r1", "reject")).get().extracting(SignalRow::payload).isEqualTo("\"no\"");
        assertThat(store.nextSignal("r1", "other")).isEmpty();
        assertThat(store.nextSignal("r2", "approve")).isEmpty();
    }

    @Test
    void signalsAreConsumedFirstInFirstOut() {
        long first = (Long) one(new InsertSignal(new SignalRow(0, "r1", "item", "1", T0, null)));
        long second = (Long) one(new InsertSignal(new SignalRow(0, "r1", "item", "2", T0, null)));

        assertThat(one(new ConsumeSignal("r1", first, 3))).isEqualTo(true);
        assertThat(store.nextSignal("r1", "item")).get().extracting(SignalRow::id).isEqualTo(second);

        assertThat(one(new ConsumeSignal("r1", second, 4))).isEqualTo(true);
        assertThat(store.nextSignal("r1", "item")).isEmpty();
    }

    @Test
    void signalsListsEverySignalOfTheRunConsumedOrNotInArrivalOrder() {
        long first = (Long) one(new InsertSignal(new SignalRow(0, "r1", "approve", "true", T0, null)));
        long second = (Long) one(new InsertSignal(new SignalRow(0, "r1", "comment", "\"ok\"", T0 + 1, null)));
        one(new InsertSignal(new SignalRow(0, "r2", "approve", "false", T0 + 2, null)));
        one(new ConsumeSignal("r1", first, 4));

        assertThat(store.signals("r1")).containsExactly(
                new SignalRow(first, "r1", "approve", "true", T0, 4),
                new SignalRow(second, "r1", "comment", "\"ok\"", T0 + 1, null));
        assertThat(store.signals("r3")).isEmpty();
    }

    @Test
    void aSignalIsConsumedOnlyOnce() {
        long id = (Long) one(new InsertSignal(new SignalRow(0, "r1", "item", "1", T0, null)));

        List<Object> results = store.apply(List.of(new ConsumeSignal("r1", id, 3), new ConsumeSignal("r1", id, 4)));

        assertThat(results).containsExactly(true, false);
        assertThat(one(new ConsumeSignal("r1", 424242, 5))).isEqualTo(false);
    }

    @Test
    void insertSignalMakesAWaitingRunDueAtItsArrival() {
        apply(run("r1").waiting(null, "signal approve").create(),
                run("r2").waiting(T0 + 60_000, "signal or timeout").create());

        apply(new InsertSignal(new SignalRow(0, "r1", "approve", "true", T0 + 7, null)),
                new InsertSignal(new SignalRow(0, "r2", "approve", "true", T0 + 8, null)));

        assertThat(store.findRun("r1").orElseThrow().wakeAt()).isEqualTo(T0 + 7);
        assertThat(store.findRun("r2").orElseThrow().wakeAt()).isEqualTo(T0 + 8);
    }

    @Test
    void insertSignalNeverMovesADueTimeLaterNorWakesARunThatIsNotWaiting() {
        apply(run("due").waiting(T0 + 1, "timer").create(),
                run("running").create(), new MarkRunning("running", ME, T0 + 30_000, T0));

        apply(new InsertSignal(new SignalRow(0, "due", "s", "1", T0 + 7, null)),
                new InsertSignal(new SignalRow(0, "running", "s", "1", T0 + 7, null)));

        assertThat(store.findRun("due").orElseThrow().wakeAt()).isEqualTo(T0 + 1);
        assertThat(store.findRun("running").orElseThrow().wakeAt()).isNull();
        assertThat(store.findRun("running").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    // ClaimRuns ------------------------------------------------------------------------------

    @Test
    void aPendingRunIsClaimedUnderTheLeaseAndKeepsItsState() {
        apply(run("r1").create());

        List<Claim> claims = claim(ME, T0 + 10, 10);

        assertThat(claims).hasSize(1);
        Claim claim = claims.get(0);
        assertThat(claim.run().id()).isEqualTo("r1");
        assertThat(claim.run().owner()).isEqualTo(ME);
        assertThat(claim.run().leaseUntil()).isEqualTo(T0 + 10 + LEASE);
        assertThat(claim.run().status()).isEqualTo(RunStatus.PENDING);
        assertThat(claim.wasMine()).isFalse();
        assertThat(claim.previousOwner()).isNull();
        assertThat(store.findRun("r1")).contains(claim.run());
    }

    @Test
    void aRunKeepsTheCodeVersionItWasCreatedWith() {
        apply(run("r1").codeVersion("v1").create(), run("r0").create());

        assertThat(store.findRun("r1").orElseThrow().codeVersion()).isEqualTo("v1");
        assertThat(store.findRun("r0").orElseThrow().codeVersion()).isNull();
    }

    @Test
    void aClaimOfSomeVersionsTakesRunsOfThoseAndOfNoRecordedVersionOnly() {
        apply(run("old").codeVersion("v1").create(),
                run("new").codeVersion("v2").createdAt(T0 + 1).create(),
                run("unversioned").createdAt(T0 + 2).create(),
                run("old-waiting").codeVersion("v1").waiting(T0 - 1, "timer").create(),
                run("old-orphan").codeVersion("v1").status(RunStatus.RUNNING).owner("worker-gone", T0 - 1).create());

        @SuppressWarnings("unchecked")
        List<Claim> byNew = (List<Claim>) one(new ClaimRuns(ME, T0 + 10, T0 + 10 + LEASE, 10, List.of("v2")));
        assertThat(byNew).extracting(c -> c.run().id()).containsExactlyInAnyOrder("new", "unversioned");

        @SuppressWarnings("unchecked")
        List<Claim> byOld = (List<Claim>) one(new ClaimRuns(OTHER, T0 + 10, T0 + 10 + LEASE, 10, List.of("v1", "v0")));
        assertThat(byOld).extracting(c -> c.run().id()).containsExactlyInAnyOrder("old", "old-waiting", "old-orphan");
        assertThat(byOld).allSatisfy(c -> assertThat(c.run().codeVersion()).isEqualTo("v1"));
    }

    @Test
    void aClaimOfAnyVersionTakesRunsOfEveryVersion() {
        apply(run("a").codeVersion("v1").create(), run("b").codeVersion("v2").create(), run("c").create());

        assertThat(claim(ME, T0 + 10, 10)).extracting(c -> c.run().id()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aClaimOfNoAcceptedVersionOfARunLeavesIt() {
        apply(run("quoted").codeVersion("v\"1\\").create());

        @SuppressWarnings("unchecked")
        List<Claim> none = (List<Claim>) one(new ClaimRuns(ME, T0 + 10, T0 + 10 + LEASE, 10, List.of("v1")));
        @SuppressWarnings("unchecked")
        List<Claim> exact = (List<Claim>) one(new ClaimRuns(ME, T0 + 10, T0 + 10 + LEASE, 10, List.of("v\"1\\")));

        assertThat(none).isEmpty();
        assertThat(exact).extracting(c -> c.run().id()).containsExactly("quoted");
    }

    @Test
    void aClaimedRunIsNotClaimedAgainWhileItsLeaseLives() {
        apply(run("r1").create());
        claim(ME, T0 + 10, 10);

        assertThat(claim(OTHER, T0 + 20, 10)).isEmpty();
    }

    @Test
    void aPendingRunWithAnExpiredLeaseIsClaimedFromItsOwner() {
        apply(run("r1").owner(OTHER, T0 - 1_000).create());

        List<Claim> claims = claim(ME, T0, 10);

        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.previousOwner()).isEqualTo(OTHER);
            assertThat(c.wasMine()).isFalse();
            assertThat(c.run().owner()).isEqualTo(ME);
        });
    }

    @Test
    void aWaitingRunIsClaimedOnlyOnceDue() {
        apply(run("due").waiting(T0 - 1, "timer").create(),
                run("later").waiting(T0 + 1_000, "timer").create(),
                run("woken-only").waiting(null, "signal").create());

        assertThat(claim(ME, T0, 10)).extracting(c -> c.run().id()).containsExactly("due");
    }

    @Test
    void aDueRunParkedWithThisWorkerIsClaimedAsItsOwn() {
        apply(run("r1").owner(ME, T0 + 30_000).waiting(T0 - 5, "timer").create());

        List<Claim> claims = claim(ME, T0, 10);

        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.wasMine()).isTrue();
            assertThat(c.previousOwner()).isEqualTo(ME);
            assertThat(c.run().leaseUntil()).isEqualTo(T0 + LEASE);
        });
    }

    @Test
    void aDueRunParkedWithAnotherLiveWorkerIsLeftToIt() {
        apply(run("r1").owner(OTHER, T0 + 30_000).waiting(T0 - 5, "timer").create());

        assertThat(claim(ME, T0, 10)).isEmpty();
        assertThat(claim(OTHER, T0, 10)).singleElement().extracting(Claim::wasMine).isEqualTo(true);
    }

    @Test
    void aDueRunOfAWorkerWhoseLeaseExpiredIsClaimed() {
        apply(run("r1").owner(OTHER, T0 - 1_000).waiting(T0 - 5, "timer").create());

        assertThat(claim(ME, T0, 10)).singleElement().satisfies(c -> {
            assertThat(c.wasMine()).isFalse();
            assertThat(c.previousOwner()).isEqualTo(OTHER);
        });
    }

    @Test
    void aRunningRunOfAWorkerWhoseLeaseExpiredIsClaimed() {
        apply(run("r1").create(), new MarkRunning("r1", OTHER, T0 - 1_000, T0 - 30_000));

        List<Claim> claims = claim(ME, T0, 10);

        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.run().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(c.run().owner()).isEqualTo(ME);
            assertThat(c.previousOwner()).isEqualTo(OTHER);
            assertThat(c.wasMine()).isFalse();
        });
    }

    @Test
    void aRunningRunOfALiveWorkerIsNotClaimed() {
        apply(run("r1").create(), new MarkRunning("r1", OTHER, T0 + 30_000, T0));

        assertThat(claim(ME, T0 + 10, 10)).isEmpty();
    }

    @Test
    void aWaitingRunNotYetDueIsClaimedWhenItsWorkerDied() {
        apply(run("timer").owner(OTHER, T0 - 1_000).waiting(T0 + 60_000, "sleep").create(),
                run("signal").owner(OTHER, T0 - 1_000).waiting(null, "signal").create(),
                run("alive").owner(OTHER, T0 + 1_000).waiting(T0 + 60_000, "sleep").create());

        assertThat(claim(ME, T0, 10)).extracting(c -> c.run().id()).containsExactlyInAnyOrder("timer", "signal");
    }

    @Test
    void aRunningRunReleasedByItsOwnerIsClaimedByAnotherWorker() {
        apply(run("r1").create(), new MarkRunning("r1", OTHER, T0 + 30_000, T0), new ReleaseOwner(OTHER));

        assertThat(claim(ME, T0 + 1, 10)).singleElement().satisfies(c -> {
            assertThat(c.run().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(c.previousOwner()).isNull();
        });
    }

    @Test
    void finishedRunsAreNeverClaimed() {
        apply(run("c").status(RunStatus.COMPLETED).create(), run("f").status(RunStatus.FAILED).create(),
                run("x").status(RunStatus.CANCELLED).owner(OTHER, T0 - 1_000).create());

        assertThat(claim(ME, T0, 10)).isEmpty();
    }

    @Test
    void claimsTakeAtMostTheLimit() {
        for (int i = 0; i < 5; i++) {
            apply(run("r" + i).createdAt(T0 + i).create());
        }

        assertThat(claim(ME, T0 + 10, 3)).hasSize(3);
        assertThat(claim(ME, T0 + 10, 3)).hasSize(2);
        assertThat(claim(ME, T0 + 10, 3)).isEmpty();
    }

    @Test
    void waitingRunsAreClaimedEarliestDueFirst() {
        apply(run("c").waiting(T0 - 100, "t").create(), run("a").waiting(T0 - 300, "t").create(),
                run("b").waiting(T0 - 200, "t").create());

        assertThat(claim(ME, T0, 2)).extracting(c -> c.run().id()).containsExactly("a", "b");
        assertThat(claim(OTHER, T0, 2)).extracting(c -> c.run().id()).containsExactly("c");
    }

    @Test
    void pendingRunsAreClaimedOldestFirst() {
        apply(run("new").createdAt(T0 + 3).create(), run("old").createdAt(T0 + 1).create(),
                run("mid").createdAt(T0 + 2).create());

        assertThat(claim(ME, T0 + 10, 2)).extracting(c -> c.run().id()).containsExactly("old", "mid");
    }

    @Test
    void twoWorkersClaimingAtOnceNeverGetTheSameRun() throws Exception {
        Store second = openSecondStoreOnSameDatabase();
        assumeTrue(second != null, "this store cannot open a second store on the same database");
        extraStores.add(second);
        int runs = 300;
        List<Write> creates = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            creates.add(run(String.format("r%03d", i)).createdAt(T0 + i).create());
        }
        store.apply(creates);

        List<String> claimedByFirst;
        List<String> claimedBySecond;
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<List<String>> first = threads.submit(claimAll(store, ME));
            Future<List<String>> other = threads.submit(claimAll(second, OTHER));
            claimedByFirst = first.get();
            claimedBySecond = other.get();
        }

        Set<String> overlap = new HashSet<>(claimedByFirst);
        overlap.retainAll(claimedBySecond);
        assertThat(overlap).isEmpty();
        assertThat(claimedByFirst.size() + claimedBySecond.size()).isEqualTo(runs);
        assertThat(store.owners()).isSubsetOf(ME, OTHER);
    }

    @Test
    void aSecondStoreOnTheSameDatabaseSeesCommittedWrites() {
        Store second = openSecondStoreOnSameDatabase();
        assumeTrue(second != null, "this store cannot open a second store on the same database");
        extraStores.add(second);

        apply(run("r1").create(), new UpsertStep(step("r1", 1, "charge", StepStatus.COMPLETED)));

        assertThat(second.findRun("r1")).isPresent();
        assertThat(second.steps("r1")).hasSize(1);
    }

    // RenewLeases, ReleaseOwner, owners --------------------------------------------------------

    @Test
    void renewLeasesExtendsEveryUnfinishedRunOfTheOwner() {
        apply(run("running").create(), new MarkRunning("running", ME, T0 + 10, T0),
                run("parked").owner(ME, T0 + 10).waiting(T0 + 500, "timer").create(),
                run("other").owner(OTHER, T0 + 10).status(RunStatus.RUNNING).create());

        Object renewed = one(new RenewLeases(ME, T0 + 99_000));

        assertThat(renewed).isEqualTo(2);
        assertThat(store.findRun("running").orElseThrow().leaseUntil()).isEqualTo(T0 + 99_000);
        assertThat(store.findRun("parked").orElseThrow().leaseUntil()).isEqualTo(T0 + 99_000);
        assertThat(store.findRun("other").orElseThrow().leaseUntil()).isEqualTo(T0 + 10);
    }

    @Test
    void renewLeasesOfAnOwnerWithoutRunsRenewsNothing() {
        apply(run("r1").create(), new FinishRun("r1", RunStatus.COMPLETED, null, null, null, T0));

        assertThat(one(new RenewLeases(ME, T0 + 99_000))).isEqualTo(0);
    }

    @Test
    void releaseOwnerClearsTheLeasesOfTheOwnersUnfinishedRuns() {
        apply(run("running").create(), new MarkRunning("running", ME, T0 + 30_000, T0),
                run("parked").owner(ME, T0 + 30_000).waiting(T0 + 500, "timer").create(),
                run("other").owner(OTHER, T0 + 30_000).status(RunStatus.RUNNING).create());

        Object released = one(new ReleaseOwner(ME));

        assertThat(released).isEqualTo(2);
        RunRow running = store.findRun("running").orElseThrow();
        assertThat(running.owner()).isNull();
        assertThat(running.leaseUntil()).isZero();
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        RunRow parked = store.findRun("parked").orElseThrow();
        assertThat(parked.owner()).isNull();
        assertThat(parked.wakeAt()).isEqualTo(T0 + 500);
        assertThat(parked.status()).isEqualTo(RunStatus.WAITING);
        assertThat(store.findRun("other").orElseThrow().owner()).isEqualTo(OTHER);
    }

    @Test
    void ownersAreTheDistinctOwnersOfUnfinishedRuns() {
        assertThat(store.owners()).isEmpty();

        apply(run("a1").owner(ME, T0).status(RunStatus.RUNNING).create(),
                run("a2").owner(ME, T0).waiting(T0, "t").create(),
                run("b1").owner(OTHER, T0).create(),
                run("unowned").create());

        assertThat(store.owners()).containsExactlyInAnyOrder(ME, OTHER);

        apply(new ReleaseOwner(OTHER));
        assertThat(store.owners()).containsExactly(ME);
    }

    // UpsertWorker, DeleteWorker, workers ----------------------------------------------------

    @Test
    void upsertWorkerInsertsThenUpdatesTheWorkersRow() {
        WorkerRow started = new WorkerRow(ME, "host-1", 1234, T0, T0);
        WorkerRow beat = new WorkerRow(ME, "host-1", 1234, T0, T0 + 5_000);

        assertThat(apply(new UpsertWorker(started))).containsExactly((Object) null);
        assertThat(store.workers()).containsExactly(started);

        apply(new UpsertWorker(beat), new UpsertWorker(new WorkerRow(OTHER, "host-2", 99, T0, T0)));
        assertThat(store.workers()).containsExactlyInAnyOrder(beat, new WorkerRow(OTHER, "host-2", 99, T0, T0));
    }

    @Test
    void deleteWorkerRemovesOnlyThatWorker() {
        apply(new UpsertWorker(new WorkerRow(ME, "h", 1, T0, T0)), new UpsertWorker(new WorkerRow(OTHER, "h", 2, T0, T0)));

        assertThat(apply(new DeleteWorker(ME), new DeleteWorker("unknown"))).containsExactly(null, null);

        assertThat(store.workers()).extracting(WorkerRow::id).containsExactly(OTHER);
    }

    // listRuns -------------------------------------------------------------------------------

    @Test
    void listRunsReturnsNewestFirstThenByIdDescending() {
        apply(run("a").createdAt(T0 + 1).create(), run("c").createdAt(T0 + 2).create(),
                run("b").createdAt(T0 + 2).create(), run("d").createdAt(T0).create());

        assertThat(store.listRuns(RunQuery.all())).extracting(RunRow::id).containsExactly("c", "b", "a", "d");
    }

    @Test
    void listRunsFiltersByWorkflow() {
        apply(run("o1").workflow("orders").create(), run("b1").workflow("billing").create(),
                run("o2").workflow("orders").createdAt(T0 + 1).create());

        assertThat(store.listRuns(RunQuery.all().withWorkflow("orders"))).extracting(RunRow::id)
                .containsExactly("o2", "o1");
        assertThat(store.listRuns(RunQuery.all().withWorkflow("none"))).isEmpty();
    }

    @Test
    void listRunsFiltersByStatuses() {
        apply(run("p").create(), run("w").waiting(T0, "t").createdAt(T0 + 1).create(),
                run("c").status(RunStatus.COMPLETED).createdAt(T0 + 2).create(),
                run("f").status(RunStatus.FAILED).createdAt(T0 + 3).create());

        assertThat(store.listRuns(RunQuery.all().withStatuses(Set.of(RunStatus.COMPLETED, RunStatus.FAILED))))
                .extracting(RunRow::id).containsExactly("f", "c");
        assertThat(store.listRuns(RunQuery.all().withStatuses(Set.of(RunStatus.WAITING))))
                .extracting(RunRow::id).containsExactly("w");
        assertThat(store.listRuns(RunQuery.all().withStatuses(Set.of()))).hasSize(4);
    }

    @Test
    void listRunsFiltersByCreationTimeFromInclusiveToExclusive() {
        for (int i = 0; i < 5; i++) {
            apply(run("r" + i).createdAt(T0 + i * 1_000L).create());
        }

        List<RunRow> runs = store.listRuns(RunQuery.all()
                .withCreated(Instant.ofEpochMilli(T0 + 1_000), Instant.ofEpochMilli(T0 + 3_000)));

        assertThat(runs).extracting(RunRow::id).containsExactly("r2", "r1");
        assertThat(store.listRuns(RunQuery.all().withCreated(Instant.ofEpochMilli(T0 + 3_000), null)))
                .extracting(RunRow::id).containsExactly("r4", "r3");
        assertThat(store.listRuns(RunQuery.all().withCreated(null, Instant.ofEpochMilli(T0 + 1_000))))
                .extracting(RunRow::id).containsExactly("r0");
    }

    @Test
    void listRunsPagesWithLimitAndOffset() {
        for (int i = 0; i < 7; i++) {
            apply(run("r" + i).createdAt(T0 + i).create());
        }

        assertThat(store.listRuns(RunQuery.all().withLimit(3))).extracting(RunRow::id)
                .containsExactly("r6", "r5", "r4");
        assertThat(store.listRuns(RunQuery.all().withLimit(3).withOffset(3))).extracting(RunRow::id)
                .containsExactly("r3", "r2", "r1");
        assertThat(store.listRuns(RunQuery.all().withLimit(3).withOffset(6))).extracting(RunRow::id)
                .containsExactly("r0");
        assertThat(store.listRuns(RunQuery.all().withOffset(7))).isEmpty();
    }

    @Test
    void listRunsCombinesItsFilters() {
        apply(run("match-old").workflow("orders").status(RunStatus.FAILED).createdAt(T0 + 1).create(),
                run("match-new").workflow("orders").status(RunStatus.FAILED).createdAt(T0 + 2).create(),
                run("other-workflow").workflow("billing").status(RunStatus.FAILED).createdAt(T0 + 2).create(),
                run("other-status").workflow("orders").status(RunStatus.COMPLETED).createdAt(T0 + 2).create(),
                run("too-late").workflow("orders").status(RunStatus.FAILED).createdAt(T0 + 9).create());

        List<RunRow> runs = store.listRuns(RunQuery.all().withWorkflow("orders")
                .withStatuses(Set.of(RunStatus.FAILED))
                .withCreated(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 5))
                .withLimit(1).withOffset(1));

        assertThat(runs).extracting(RunRow::id).containsExactly("match-old");
    }

    // activeChildren -------------------------------------------------------------------------

    @Test
    void activeChildrenAreTheUnfinishedChildRunsOfTheParent() {
        apply(run("parent").create(),
                run("child-pending").parent("parent", 1).createdAt(T0 + 1).create(),
                run("child-waiting").parent("parent", 2).waiting(T0, "t").createdAt(T0 + 2).create(),
                run("child-running").parent("parent", 3).createdAt(T0 + 3).create(),
                new MarkRunning("child-running", ME, T0 + 30_000, T0),
                run("child-done").parent("parent", 4).status(RunStatus.COMPLETED).create(),
                run("child-of-other").parent("other", 1).create());

        assertThat(store.activeChildren("parent"))
                .containsExactlyInAnyOrder("child-pending", "child-waiting", "child-running");
        assertThat(store.activeChildren("child-pending")).isEmpty();
    }

    // Reads while writing ----------------------------------------------------------------------

    @Test
    void readsMayRunFromManyThreadsAtOnceWhileTheWriterWrites() throws Exception {
        apply(run("r1").create());
        List<Write> steps = new ArrayList<>();
        for (int seq = 1; seq <= 20; seq++) {
            steps.add(new UpsertStep(step("r1", seq, "s" + seq, StepStatus.COMPLETED)));
        }
        store.apply(steps);

        List<Callable<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            readers.add(() -> {
                int reads = 0;
                for (int n = 0; n < 25; n++) {
                    assertThat(store.steps("r1").size()).isGreaterThanOrEqualTo(20);
                    assertThat(store.findRun("r1")).isPresent();
                    reads++;
                }
                return reads;
            });
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> done = new ArrayList<>();
            for (Callable<Integer> reader : readers) {
                done.add(threads.submit(reader));
            }
            for (int seq = 21; seq <= 60; seq++) {
                apply(new UpsertStep(step("r1", seq, "s" + seq, StepStatus.COMPLETED)));
            }
            for (Future<Integer> reader : done) {
                assertThat(reader.get()).isEqualTo(25);
            }
        }
        assertThat(store.steps("r1")).hasSize(60);
    }

    // Helpers --------------------------------------------------------------------------------

    private List<Object> apply(Write... writes) {
        return store.apply(List.of(writes));
    }

    private Object one(Write write) {
        return store.apply(List.of(write)).get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Claim> claim(String owner, long now, int limit) {
        return (List<Claim>) one(new ClaimRuns(owner, now, now + LEASE, limit));
    }

    @SuppressWarnings("unchecked")
    private static Callable<List<String>> claimAll(Store on, String owner) {
        return () -> {
            List<String> ids = new ArrayList<>();
            while (true) {
                List<Claim> claims = (List<Claim>) on.apply(List.of(new ClaimRuns(owner, T0 + 1_000,
                        T0 + 1_000 + LEASE, 7))).get(0);
                if (claims.isEmpty()) {
                    return ids;
                }
                claims.forEach(c -> ids.add(c.run().id()));
            }
        };
    }

    @Test
    void logLinesAreReadBackPerRunInArrivalOrderAndCanBeFollowedById() {
        store.apply(List.of(
                new Write.AppendLog(new LogRow(0, "run-a", 1, 1, 1_000, "stdout", "first")),
                new Write.AppendLog(new LogRow(0, "run-b", 1, 1, 1_001, "stdout", "other run")),
                new Write.AppendLog(new LogRow(0, "run-a", 1, 2, 1_002, "stderr", "second"))));
        List<LogRow> lines = store.logs("run-a", 0, 100);
        assertThat(lines).extracting(LogRow::line).containsExactly("first", "second");
        assertThat(lines).extracting(LogRow::stream).containsExactly("stdout", "stderr");
        assertThat(lines.get(1).attempt()).isEqualTo(2);
        assertThat(lines.get(0).id()).isLessThan(lines.get(1).id());
        assertThat(store.logs("run-a", lines.get(0).id(), 100)).extracting(LogRow::line).containsExactly("second");
        assertThat(store.logs("run-a", 0, 1)).hasSize(1);
    }

    // AcquireLock, ReleaseLocks, lockHolders, lockWaiters ---------------------------------------

    private LockGrant acquire(String lock, String runId, int seq, int slots, int priority, long at) {
        return (LockGrant) store.apply(List.of(new Write.AcquireLock(lock, runId, seq, slots, priority, at))).get(0);
    }

    @Test
    void aFreeLockIsGrantedWithGrowingTokensAndATakenOneQueuesWaitersFirstComeFirstServed() {
        apply(run("a").create(), run("b").create(), run("c").create());
        LockGrant first = acquire("warehouse", "a", 1, 1, 0, T0);
        assertThat(first.granted()).isTrue();
        LockGrant b = acquire("warehouse", "b", 1, 1, 0, T0 + 1);
        LockGrant c = acquire("warehouse", "c", 2, 1, 0, T0 + 2);
        assertThat(b.granted()).isFalse();
        assertThat(b.holders()).extracting(LockHolder::runId).containsExactly("a");
        assertThat(c.granted()).isFalse();
        assertThat(store.lockWaiters("warehouse")).extracting(LockWaiter::runId).containsExactly("b", "c");

        @SuppressWarnings("unchecked")
        List<String> woken = (List<String>) store.apply(List.of(new Write.ReleaseLocks("a", 1, T0 + 3))).get(0);
        assertThat(woken).containsExactly("b");
        // The release handed the lock to b, the first in line, with a new token, in the same transaction.
        assertThat(store.lockHolders("warehouse")).singleElement().satisfies(holder -> {
            assertThat(holder.runId()).isEqualTo("b");
            assertThat(holder.seq()).isEqualTo(1);
            assertThat(holder.token()).isGreaterThan(first.token());
            assertThat(holder.acquiredAt()).isEqualTo(T0 + 3);
        });
        // c asks before b comes back: b keeps the lock.
        assertThat(acquire("warehouse", "c", 2, 1, 0, T0 + 4).granted()).isFalse();
        LockGrant second = acquire("warehouse", "b", 1, 1, 0, T0 + 5);
        assertThat(second.granted()).isTrue();
        assertThat(second.token()).isGreaterThan(first.token());
        assertThat(store.lockHolders("warehouse")).extracting(LockHolder::runId).containsExactly("b");
        assertThat(store.lockWaiters("warehouse")).extracting(LockWaiter::runId).containsExactly("c");
    }

    @Test
    void aHigherPriorityWaiterIsServedFirst() {
        apply(run("a").create(), run("low").create(), run("high").create());
        acquire("heavy", "a", 0, 1, 0, T0);
        acquire("heavy", "low", 0, 1, 0, T0 + 1);
        acquire("heavy", "high", 0, 1, 5, T0 + 2);
        assertThat(store.lockWaiters("heavy")).extracting(LockWaiter::runId).containsExactly("high", "low");
        store.apply(List.of(new Write.ReleaseLocks("a", 0, T0 + 3)));
        assertThat(store.lockHolders("heavy")).extracting(LockHolder::runId).containsExactly("high");
        assertThat(acquire("heavy", "low", 0, 1, 0, T0 + 4).granted()).isFalse();
        assertThat(acquire("heavy", "high", 0, 1, 5, T0 + 5).granted()).isTrue();
    }

    @Test
    void aPoolGrantsAsManyHoldersAsItHasSlots() {
        for (String id : List.of("r1", "r2", "r3", "r4")) {
            apply(run(id).create());
        }
        assertThat(acquire("connections", "r1", 1, 3, 0, T0).granted()).isTrue();
        assertThat(acquire("connections", "r2", 1, 3, 0, T0).granted()).isTrue();
        assertThat(acquire("connections", "r3", 1, 3, 0, T0).granted()).isTrue();
        assertThat(acquire("connections", "r4", 1, 3, 0, T0).granted()).isFalse();
        assertThat(store.lockHolders("connections")).hasSize(3);
    }

    @Test
    void aHolderThatAsksAgainKeepsItsSlotWithANewTokenAndAWholeRunReleaseFreesEverySlotItHeld() {
        apply(run("a").create(), run("b").create());
        long token = acquire("warehouse", "a", 3, 1, 0, T0).token();
        LockGrant again = acquire("warehouse", "a", 3, 1, 0, T0 + 10);
        assertThat(again.granted()).isTrue();
        assertThat(again.token()).isGreaterThan(token);
        acquire("other", "a", 0, 1, 0, T0);
        acquire("warehouse", "b", 1, 1, 0, T0 + 11);

        @SuppressWarnings("unchecked")
        List<String> woken = (List<String>) store.apply(List.of(new Write.ReleaseLocks("a", 0, T0 + 12))).get(0);
        assertThat(woken).containsExactly("b");
        assertThat(store.lockHolders("warehouse")).extracting(LockHolder::runId).containsExactly("b");
        assertThat(store.lockHolders("other")).isEmpty();
    }

    @Test
    void releasingMakesAWaitingWaiterDue() {
        apply(run("a").create(), run("b").create(),
                new Write.MarkWaiting("b", null, "lock 'warehouse'", true, T0));
        acquire("warehouse", "a", 1, 1, 0, T0);
        acquire("warehouse", "b", 1, 1, 0, T0);
        store.apply(List.of(new Write.ReleaseLocks("a", 1, T0 + 7)));
        assertThat(store.findRun("b").orElseThrow().wakeAt()).isEqualTo(T0 + 7);
    }

    @Test
    void aPoolHandsEachFreedSlotToTheNextInLineAndALeavingWaiterFreesNone() {
        for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
            apply(run(id).create());
        }
        acquire("connections", "r1", 1, 2, 0, T0);
        acquire("connections", "r2", 1, 2, 0, T0);
        acquire("connections", "r3", 1, 2, 0, T0 + 1);
        acquire("connections", "r4", 1, 2, 0, T0 + 2);
        acquire("connections", "r5", 1, 2, 0, T0 + 3);

        // r3 gives up waiting: no slot is freed, so nobody is granted; r4 is told to ask again.
        @SuppressWarnings("unchecked")
        List<String> left = (List<String>) store.apply(List.of(new Write.ReleaseLocks("r3", 1, T0 + 4))).get(0);
        assertThat(left).containsExactly("r4");
        assertThat(store.lockHolders("connections")).extracting(LockHolder::runId).containsExactly("r1", "r2");

        // r1 and r2 end together: their two slots go to r4 and r5, in line order.
        store.apply(List.of(new Write.ReleaseLocks("r1", 0, T0 + 5), new Write.ReleaseLocks("r2", 0, T0 + 5)));
        assertThat(store.lockHolders("connections")).extracting(LockHolder::runId).containsExactlyInAnyOrder("r4", "r5");
        assertThat(store.lockWaiters("connections")).isEmpty();
    }

    // CreateRunIfAllCompleted -----------------------------------------------------------------

    private RunRow atLogicalTime(String id, String workflow, RunStatus status, long logicalTime) {
        return new RunRow(id, workflow, status, "{}", null, null, null, null, null, 0, null, 0, null, null, false,
                T0, null, null, T0, 0, logicalTime);
    }

    @Test
    void aFanInRunIsCreatedOnlyOnceEveryUpstreamWorkflowSucceededForTheSameLogicalTime() {
        long night = T0 + 86_400_000L;
        apply(new Write.CreateRun(atLogicalTime("a-1", "A", RunStatus.COMPLETED, night)),
                new Write.CreateRun(atLogicalTime("b-0", "B", RunStatus.COMPLETED, T0)),
                new Write.CreateRun(atLogicalTime("b-1", "B", RunStatus.RUNNING, night)));
        RunRow downstream = atLogicalTime("C@night", "C", RunStatus.PENDING, night);

        assertThat(store.apply(List.of(new Write.CreateRunIfAllCompleted(downstream, List.of("A", "B"), night))))
                .containsExactly((Object) null);
        assertThat(store.findRun("C@night")).isEmpty();

        List<Object> results = store.apply(List.of(
                new Write.FinishRun("b-1", RunStatus.COMPLETED, "1", "java.lang.Integer", null, T0 + 5),
                new Write.CreateRunIfAllCompleted(downstream, List.of("A", "B"), night)));
        assertThat(results.get(1)).isEqualTo(new CreateResult("C@night", true));
        assertThat(store.findRun("C@night").orElseThrow().logicalTime()).isEqualTo(night);
        assertThat(store.apply(List.of(new Write.CreateRunIfAllCompleted(downstream, List.of("A", "B"), night))))
                .containsExactly(new CreateResult("C@night", false));
    }

    // ---- access control: users, tokens, sessions, failed logins, audit ----

    @Test
    void aUserIsAddedOnceAndItsRoleAndPasswordChangeAndDisablingEndsItsSessions() {
        AccessStore access = store.access();
        assertThat(access.insertUser(new AccessStore.UserRow("ada", "ADMIN", "hash-1", T0, null))).isTrue();
        assertThat(access.insertUser(new AccessStore.UserRow("ada", "VIEWER", "hash-2", T0, null))).isFalse();
        assertThat(access.user("ada").orElseThrow().passwordHash()).isEqualTo("hash-1");
        assertThat(access.setUserRole("ada", "OPERATOR")).isTrue();
        assertThat(access.setUserRole("nobody", "OPERATOR")).isFalse();
        access.insertSession(new AccessStore.SessionRow("s1", "ada", "csrf", T0, T0 + 1_000));
        assertThat(access.setUserPassword("ada", "hash-3")).isTrue();
        assertThat(access.session("s1")).isEmpty();
        access.insertSession(new AccessStore.SessionRow("s2", "ada", "csrf", T0, T0 + 1_000));
        assertThat(access.disableUser("ada", T0 + 5)).isTrue();
        assertThat(access.session("s2")).isEmpty();
        assertThat(access.users()).containsExactly(new AccessStore.UserRow("ada", "OPERATOR", "hash-3", T0, T0 + 5));
    }

    @Test
    void aTokenIsFoundByItsSecretsHashRevokedOnceAndItsLastUseOnlyMovesForward() {
        AccessStore access = store.access();
        access.insertToken(new AccessStore.TokenRow("t1", "ci", "OPERATOR", "h1", "ada", T0, T0 + 10_000, null, null));
        access.insertToken(new AccessStore.TokenRow("t2", "old", "VIEWER", "h2", null, T0 + 1, null, null, null));
        assertThat(access.tokenBySecretHash("h1").orElseThrow().id()).isEqualTo("t1");
        assertThat(access.tokenBySecretHash("nope")).isEmpty();
        assertThat(access.tokens()).extracting(AccessStore.TokenRow::id).containsExactly("t2", "t1");
        access.touchToken("t1", T0 + 50);
        access.touchToken("t1", T0 + 20);
        assertThat(access.token("t1").orElseThrow().lastUsedAt()).isEqualTo(T0 + 50);
        assertThat(access.revokeToken("t1", T0 + 60)).isTrue();
        assertThat(access.revokeToken("t1", T0 + 70)).isTrue();
        assertThat(access.token("t1").orElseThrow().revokedAt()).isEqualTo(T0 + 60);
        assertThat(access.revokeToken("t9", T0)).isFalse();
    }

    @Test
    void expiredSessionsAreDeletedAndOthersKept() {
        AccessStore access = store.access();
        access.insertUser(new AccessStore.UserRow("ada", "ADMIN", "h", T0, null));
        access.insertSession(new AccessStore.SessionRow("old", "ada", "c1", T0, T0 + 10));
        access.insertSession(new AccessStore.SessionRow("new", "ada", "c2", T0, T0 + 1_000));
        assertThat(access.deleteExpiredSessions(T0 + 10)).isEqualTo(1);
        assertThat(access.session("old")).isEmpty();
        assertThat(access.session("new").orElseThrow().csrfToken()).isEqualTo("c2");
        access.deleteSession("new");
        assertThat(access.session("new")).isEmpty();
    }

    @Test
    void aSessionIsRenewedLaterButNeverEarlier() {
        AccessStore access = store.access();
        access.insertUser(new AccessStore.UserRow("ada", "ADMIN", "h", T0, null));
        access.insertSession(new AccessStore.SessionRow("s", "ada", "c", T0, T0 + 1_000));
        assertThat(access.renewSession("s", T0 + 5_000)).isTrue();
        assertThat(access.session("s").orElseThrow().expiresAt()).isEqualTo(T0 + 5_000);
        assertThat(access.renewSession("s", T0 + 2_000)).as("a renewal never shortens").isFalse();
        assertThat(access.session("s").orElseThrow().expiresAt()).isEqualTo(T0 + 5_000);
        assertThat(access.session("s").orElseThrow().createdAt()).isEqualTo(T0);
        assertThat(access.renewSession("unknown", T0 + 9_000)).isFalse();
    }

    @Test
    void loginFailuresAreCountedInTheStoreForgottenAfterAWhileAndALockOnlyGrows() {
        AccessStore access = store.access();
        assertThat(access.recordLoginFailure("user:ada", T0, 1_000).failures()).isEqualTo(1);
        assertThat(access.recordLoginFailure("user:ada", T0 + 10, 1_000).failures()).isEqualTo(2);
        access.lockLogin("user:ada", T0 + 500);
        access.lockLogin("user:ada", T0 + 100);
        assertThat(access.loginFailures("user:ada").orElseThrow().lockedUntil()).isEqualTo(T0 + 500);
        assertThat(access.recordLoginFailure("user:ada", T0 + 5_000, 1_000).failures()).isEqualTo(1);
        access.clearLoginFailures("user:ada");
        assertThat(access.loginFailures("user:ada")).isEmpty();
    }

    @Test
    void loginFailuresFromTwoStoresOnOneDatabaseAddUp() {
        Store second = openSecondStoreOnSameDatabase();
        if (second == null) {
            return;
        }
        extraStores.add(second);
        store.access().recordLoginFailure("address:10.0.0.1", T0, 60_000);
        assertThat(second.access().recordLoginFailure("address:10.0.0.1", T0 + 1, 60_000).failures()).isEqualTo(2);
    }

    @Test
    void theAuditTrailIsReadNewestFirstFilteredAndPaged() {
        AccessStore access = store.access();
        for (int i = 0; i < 5; i++) {
            access.appendAudit(new AccessStore.AuditRow(0, T0 + i, i % 2 == 0 ? "ada" : "ci", "token",
                    i < 3 ? "cancel" : "start", "run-" + i, "ok", null, "127.0.0.1", "test"));
        }
        assertThat(access.audit(dev.baton.access.AuditQuery.latest(10))).extracting(AccessStore.AuditRow::target)
                .containsExactly("run-4", "run-3", "run-2", "run-1", "run-0");
        assertThat(access.audit(new dev.baton.access.AuditQuery("ada", "cancel", null, null, 10, 0)))
                .extracting(AccessStore.AuditRow::target).containsExactly("run-2", "run-0");
        assertThat(access.audit(new dev.baton.access.AuditQuery(null, null, Instant.ofEpochMilli(T0 + 1),
                Instant.ofEpochMilli(T0 + 3), 10, 0))).extracting(AccessStore.AuditRow::target)
                .containsExactly("run-2", "run-1");
        assertThat(access.audit(new dev.baton.access.AuditQuery(null, null, null, null, 2, 2)))
                .extracting(AccessStore.AuditRow::target).containsExactly("run-2", "run-1");
    }
}
