package dev.baton.engine.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.baton.engine.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The part of the store contract about alerts: the evaluator's lease and cursor
 * ({@link Write.ClaimAlertEvaluator}, {@link Write.RecordAlertPass}), incidents, deliveries claimed
 * under leases ({@link Write.ClaimDeliveries}, {@link Write.RecordDeliveryAttempt}) and marks. A
 * dialect's test extends this class as it extends {@link StoreContract}.
 */
public abstract class AlertStoreContract {
    private static final String ME = "worker-a";
    private static final String OTHER = "worker-b";
    private static final long LEASE = 30_000;

    /** The store under test, fresh and empty for each test. */
    protected Store store;
    private Store second;

    /** @return a new, empty store; closed after the test */
    protected abstract Store openStore();

    /** @return a second store on the same database as a second process would open it, or null */
    protected Store openSecondStoreOnSameDatabase() {
        return null;
    }

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        store.close();
    }

    private Object one(Store on, Write write) {
        return on.apply(List.of(write)).get(0);
    }

    private void event(String runId, String type) {
        store.apply(List.of(new Write.CreateRun(StoreFixtures.run(runId).build()),
                new Write.AppendEvent(new EventRow(runId, T0, type, null))));
    }

    private static IncidentRow incident(String key, int count) {
        return new IncidentRow(0, key, "Load", "RUN_FAILED", "OPEN", count, count, T0, T0, T0, null, "r1", "boom");
    }

    private static DeliveryRow delivery(String channel) {
        return DeliveryRow.pending(channel, "TRIGGER", "{\"m\":1}", T0);
    }

    @Test
    void theFirstClaimStartsTheCursorAfterTheHistoryAndOneProcessHoldsTheLease() {
        event("old", "RUN_FAILED");
        AlertCursor cursor = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        List<NumberedEvent> history = store.eventsAfter(0, List.of("RUN_FAILED"), 10);
        assertThat(history).hasSize(1);
        assertThat(cursor.eventId()).isEqualTo(history.get(0).id());
        assertThat(cursor.since()).isEqualTo(T0);
        assertThat(one(store, new Write.ClaimAlertEvaluator(OTHER, T0 + 1, T0 + LEASE))).isNull();
        assertThat(one(store, new Write.ClaimAlertEvaluator(ME, T0 + 1, T0 + 2 * LEASE))).isNotNull();
        assertThat(one(store, new Write.ClaimAlertEvaluator(OTHER, T0 + 2 * LEASE + 1, T0 + 3 * LEASE)))
                .as("an expired lease is taken over").isNotNull();
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverBeforeItRunsOutAndOnlyByNamingThatHolder() {
        assertThat(store.alertEvaluatorOwner()).isEmpty();
        assertThat(one(store, new Write.ClaimAlertEvaluator(OTHER, T0, T0 + LEASE))).isNotNull();
        assertThat(store.alertEvaluatorOwner()).contains(OTHER);
        assertThat(one(store, new Write.ClaimAlertEvaluator(ME, T0 + 1, T0 + LEASE, "someone-else")))
                .as("naming another worker takes nothing over").isNull();
        assertThat(one(store, new Write.ClaimAlertEvaluator(ME, T0 + 1, T0 + LEASE, OTHER)))
                .as("the holder known dead is taken over at once").isNotNull();
        assertThat(store.alertEvaluatorOwner()).contains(ME);
        assertThat(one(store, new Write.ClaimAlertEvaluator(OTHER, T0 + 2, T0 + LEASE))).isNull();
    }

    @Test
    void oldMarksAreForgottenExceptTheDeadlinesOfRunsNotYetEnded() {
        store.apply(List.of(new Write.CreateRun(StoreFixtures.run("running").status(dev.baton.RunStatus.RUNNING).build()),
                new Write.CreateRun(StoreFixtures.run("ended").status(dev.baton.RunStatus.FAILED).build())));
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        long day = 86_400_000L;
        assertThat(one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0, List.of(
                new AlertChange.Mark("deadline:running", T0), new AlertChange.Mark("deadline:ended", T0),
                new AlertChange.Mark("missed:Load/daily@1", T0), new AlertChange.Mark("skipped:Load/daily@2", T0 + 2 * day)))))
                .isEqualTo(true);
        assertThat(one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0 + 3 * day,
                List.of(new AlertChange.ForgetMarks(T0 + day, 100))))).isEqualTo(true);
        assertThat(store.alertMarks(List.of("deadline:running", "deadline:ended", "missed:Load/daily@1",
                "skipped:Load/daily@2"))).isEqualTo(Set.of("deadline:running", "skipped:Load/daily@2"));
        assertThat(one(store, new Write.RecordAlertPass(OTHER, c.eventId(), c.eventId(), T0 + 3 * day,
                List.of(new AlertChange.ForgetMarks(T0 + 9 * day, 100))))).as("not the lease holder").isEqualTo(false);
        assertThat(store.alertMarks(List.of("skipped:Load/daily@2"))).hasSize(1);
    }

    @Test
    void forgettingMarksDeletesAtMostTheLimitAtATime() {
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        List<AlertChange> marks = new java.util.ArrayList<>();
        List<String> subjects = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            marks.add(new AlertChange.Mark("missed:Load/daily@" + i, T0));
            subjects.add("missed:Load/daily@" + i);
        }
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0, marks));
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0, List.of(new AlertChange.ForgetMarks(T0 + 1, 3))));
        assertThat(store.alertMarks(subjects)).hasSize(2);
    }

    @Test
    void theNextDeliveryDueIsReadWithoutAWrite() {
        assertThat(store.nextAlertDeliveryAt()).isEmpty();
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0,
                List.of(new AlertChange.Open(incident("Load/RUN_FAILED", 1), List.of(delivery("slack"))))));
        assertThat(store.nextAlertDeliveryAt()).contains(T0);
    }

    @Test
    void eventsAfterFollowsTheTimelineOfAllRunsByTypeInOrder() {
        event("a", "RUN_FAILED");
        event("b", "RUN_STARTED");
        event("c", "RUN_COMPLETED");
        List<NumberedEvent> ended = store.eventsAfter(0, List.of("RUN_FAILED", "RUN_COMPLETED"), 10);
        assertThat(ended).extracting(e -> e.event().runId()).containsExactly("a", "c");
        assertThat(store.eventsAfter(ended.get(0).id(), List.of("RUN_FAILED", "RUN_COMPLETED"), 10))
                .extracting(e -> e.event().runId()).containsExactly("c");
    }

    @Test
    void aPassIsRecordedOnceOnlyByTheLeaseHolderFromTheCursorItRead() {
        AlertCursor cursor = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        Write pass = new Write.RecordAlertPass(ME, cursor.eventId(), cursor.eventId() + 5, T0 + 10,
                List.of(new AlertChange.Open(incident("Load/RUN_FAILED", 1), List.of(delivery("slack"), delivery("pager"))),
                        new AlertChange.Mark("deadline:r1", T0)));
        assertThat(one(store, pass)).isEqualTo(true);
        assertThat(one(store, pass)).as("the cursor moved on: a second record of the same pass").isEqualTo(false);
        assertThat(one(store, new Write.RecordAlertPass(OTHER, cursor.eventId() + 5, 99, T0, List.of())))
                .as("not the lease holder").isEqualTo(false);
        AlertCursor after = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0 + 20, T0 + LEASE));
        assertThat(after.eventId()).isEqualTo(cursor.eventId() + 5);
        assertThat(after.checkedAt()).isEqualTo(T0 + 10);

        List<IncidentRow> open = store.openIncidents();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).dedupKey()).isEqualTo("Load/RUN_FAILED");
        assertThat(store.deliveries(List.of(open.get(0).id()))).extracting(DeliveryRow::channel)
                .containsExactly("slack", "pager");
        assertThat(store.alertMarks(List.of("deadline:r1", "deadline:r2"))).isEqualTo(Set.of("deadline:r1"));
    }

    @Test
    void oneOpenIncidentPerDedupKeyThenResolvedAndOpenedAgain() {
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0,
                List.of(new AlertChange.Open(incident("Load/RUN_FAILED", 1), List.of(delivery("slack"))),
                        new AlertChange.Open(incident("Load/RUN_FAILED", 1), List.of(delivery("slack"))))));
        assertThat(store.openIncidents()).hasSize(1);
        IncidentRow open = store.openIncidents().get(0);
        assertThat(store.deliveries(List.of(open.id()))).hasSize(1);

        IncidentRow resolved = new IncidentRow(open.id(), open.dedupKey(), open.workflow(), open.cause(), "RESOLVED",
                3, 3, open.firstAt(), T0 + 5, T0 + 5, T0 + 5, "r9", "recovered");
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0 + 5,
                List.of(new AlertChange.Update(resolved, List.of(DeliveryRow.pending("slack", "RESOLVE", "{}", T0 + 5))),
                        new AlertChange.Open(incident("Load/RUN_FAILED", 1), List.of()))));
        List<IncidentRow> all = store.incidents(10);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).status()).isEqualTo("RESOLVED");
        assertThat(all.get(1).count()).isEqualTo(3);
        assertThat(all.get(1).resolvedAt()).isEqualTo(T0 + 5);
        assertThat(all.get(0).open()).isTrue();
        assertThat(store.deliveries(List.of(open.id()))).extracting(DeliveryRow::action).containsExactly("TRIGGER", "RESOLVE");
    }

    @SuppressWarnings("unchecked")
    @Test
    void deliveriesAreClaimedUnderLeasesAttemptsRecordedAndRetriedWhenDue() {
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0,
                List.of(new AlertChange.Open(incident("Load/RUN_FAILED", 1), List.of(delivery("slack"))))));
        List<DeliveryRow> mine = (List<DeliveryRow>) one(store, new Write.ClaimDeliveries(ME, T0, T0 + LEASE, 10));
        assertThat(mine).hasSize(1);
        assertThat((List<DeliveryRow>) one(store, new Write.ClaimDeliveries(OTHER, T0 + 1, T0 + LEASE, 10)))
                .as("leased by another").isEmpty();
        long id = mine.get(0).id();
        DeliveryAttemptRow failed = new DeliveryAttemptRow(id, 1, T0 + 2, false, "HTTP 500", T0 + 1_000);
        assertThat(one(store, new Write.RecordDeliveryAttempt(OTHER, failed, "PENDING"))).isEqualTo(false);
        assertThat(one(store, new Write.RecordDeliveryAttempt(ME, failed, "PENDING"))).isEqualTo(true);
        assertThat((List<DeliveryRow>) one(store, new Write.ClaimDeliveries(OTHER, T0 + 3, T0 + LEASE, 10)))
                .as("not due before its next attempt").isEmpty();
        List<DeliveryRow> again = (List<DeliveryRow>) one(store, new Write.ClaimDeliveries(OTHER, T0 + 1_000, T0 + LEASE, 10));
        assertThat(again).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastResult()).isEqualTo("HTTP 500");
        });
        one(store, new Write.RecordDeliveryAttempt(OTHER, new DeliveryAttemptRow(id, 2, T0 + 1_001, false,
                "connection refused", null), "FAILED"));
        DeliveryRow done = store.deliveries(List.of(mine.get(0).incidentId())).get(0);
        assertThat(done.status()).isEqualTo("FAILED");
        assertThat(done.nextAttemptAt()).isNull();
        assertThat(store.deliveryAttempts(id)).extracting(DeliveryAttemptRow::result)
                .containsExactly("HTTP 500", "connection refused");
        assertThat((List<DeliveryRow>) one(store, new Write.ClaimDeliveries(ME, T0 + 99_999, T0 + LEASE, 10))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    @Test
    void twoProcessesNeverClaimTheSameDelivery() {
        second = openSecondStoreOnSameDatabase();
        assumeTrue(second != null, "the dialect cannot open a second store on one database");
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        List<DeliveryRow> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(delivery("ch" + i));
        }
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0,
                List.of(new AlertChange.Open(incident("Load/RUN_FAILED", 1), many))));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int claimed = 0;
        for (int round = 0; round < 10; round++) {
            for (DeliveryRow d : (List<DeliveryRow>) one(store, new Write.ClaimDeliveries(ME, T0, T0 + LEASE, 3))) {
                assertThat(seen.add(d.id())).isTrue();
                claimed++;
            }
            for (DeliveryRow d : (List<DeliveryRow>) one(second, new Write.ClaimDeliveries(OTHER, T0, T0 + LEASE, 3))) {
                assertThat(seen.add(d.id())).isTrue();
                claimed++;
            }
        }
        assertThat(claimed).isEqualTo(40);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aChannelIsToldOfAnIncidentInOrder() {
        AlertCursor c = (AlertCursor) one(store, new Write.ClaimAlertEvaluator(ME, T0, T0 + LEASE));
        IncidentRow resolved = new IncidentRow(0, "Load/RUN_FAILED", "Load", "RUN_FAILED", "RESOLVED", 1, 1, T0, T0,
                T0, T0 + 1, "r2", "recovered");
        one(store, new Write.RecordAlertPass(ME, c.eventId(), c.eventId(), T0, List.of(new AlertChange.Open(resolved,
                List.of(delivery("pager"), DeliveryRow.pending("pager", "RESOLVE", "{}", T0), delivery("slack"))))));
        assertThat(store.incidents(1).get(0).status()).as("opened and resolved in one pass").isEqualTo("RESOLVED");
        List<DeliveryRow> first = (List<DeliveryRow>) one(store, new Write.ClaimDeliveries(ME, T0, T0 + LEASE, 10));
        assertThat(first).extracting(d -> d.channel() + ":" + d.action())
                .as("the resolve waits for its trigger").containsExactly("pager:TRIGGER", "slack:TRIGGER");
        one(store, new Write.RecordDeliveryAttempt(ME, new DeliveryAttemptRow(first.get(0).id(), 1, T0 + 1, false,
                "HTTP 503", T0 + 100), "PENDING"));
        assertThat((List<DeliveryRow>) one(store, new Write.ClaimDeliveries(OTHER, T0 + 200, T0 + LEASE, 10)))
                .extracting(DeliveryRow::action).as("a trigger being retried still goes first").containsExactly("TRIGGER");
    }
}
