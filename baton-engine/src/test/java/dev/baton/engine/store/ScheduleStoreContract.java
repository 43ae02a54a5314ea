package dev.baton.engine.store;

import dev.baton.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.engine.store.StoreFixtures.T0;
import static dev.baton.engine.store.StoreFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The part of the store contract about schedules: their state, their fires, and the exactly-once
 * recording of a fire together with the run it starts. A dialect's test extends this class as it
 * extends {@link StoreContract}.
 */
public abstract class ScheduleStoreContract {
    private static final String WF = "nightly";
    private static final String SID = "every-minute";

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

    @Test
    void registeringAScheduleStoresItOnceAndKeepsItsState() {
        assertThat(one(new Write.RegisterSchedule(WF, SID, T0))).isEqualTo(true);
        one(new Write.SetSchedulePaused(WF, SID, true));
        assertThat(one(new Write.RegisterSchedule(WF, SID, T0 + 1000))).isEqualTo(false);

        ScheduleRow row = store.schedule(WF, SID).orElseThrow();
        assertThat(row).isEqualTo(new ScheduleRow(WF, SID, true, null, null, T0));
        assertThat(store.schedule(WF, "other")).isEmpty();
    }

    @Test
    void pausingAndResumingSaysWhetherTheScheduleExists() {
        assertThat(one(new Write.SetSchedulePaused(WF, SID, true))).isEqualTo(false);
        one(new Write.RegisterSchedule(WF, SID, T0));
        assertThat(one(new Write.SetSchedulePaused(WF, SID, true))).isEqualTo(true);
        assertThat(store.schedule(WF, SID).orElseThrow().paused()).isTrue();
        assertThat(one(new Write.SetSchedulePaused(WF, SID, false))).isEqualTo(true);
        assertThat(store.schedule(WF, SID).orElseThrow().paused()).isFalse();
    }

    @Test
    void recordingAStartedFireCreatesItsRunAndAdvancesTheLastHandledTime() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        assertThat(one(started(T0 + 60_000, "run-1"))).isEqualTo(true);

        assertThat(store.findRun("run-1")).isPresent();
        assertThat(store.findRun("run-1").orElseThrow().logicalTime()).isEqualTo(T0 + 60_000);
        assertThat(store.schedule(WF, SID).orElseThrow().lastHandled()).isEqualTo(T0 + 60_000);
        assertThat(store.fires(WF, SID, 10)).containsExactly(new FireRow(WF, SID, T0 + 60_000, T0 + 60_000,
                T0 + 60_001, "run-1", "STARTED", "no previous run running"));
        assertThat(store.unfinishedScheduleRuns(WF, SID)).containsExactly("run-1");
    }

    @Test
    void twoRecordsOfTheSameFireCreateExactlyOneRun() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        assertThat(one(started(T0 + 60_000, "run-a"))).isEqualTo(true);
        assertThat(one(started(T0 + 60_000, "run-b"))).isEqualTo(false);

        assertThat(store.findRun("run-a")).isPresent();
        assertThat(store.findRun("run-b")).isEmpty();
        assertThat(store.fires(WF, SID, 10)).hasSize(1);
    }

    @Test
    void twoProcessesRecordingTheSameFireCreateExactlyOneRun() {
        second = openSecondStoreOnSameDatabase();
        assumeTrue(second != null, "the dialect cannot open a second store on the same database");
        one(new Write.RegisterSchedule(WF, SID, T0));
        Object first = store.apply(List.of(started(T0 + 60_000, "run-a"))).get(0);
        Object other = second.apply(List.of(started(T0 + 60_000, "run-b"))).get(0);

        assertThat(List.of(first, other)).containsExactly(true, false);
        assertThat(second.findRun("run-b")).isEmpty();
    }

    @Test
    void theLastHandledTimeNeverMovesBack() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        one(started(T0 + 120_000, "late"));
        one(skipped(T0 + 60_000));
        assertThat(store.schedule(WF, SID).orElseThrow().lastHandled()).isEqualTo(T0 + 120_000);
        assertThat(store.fires(WF, SID, 10)).extracting(FireRow::logicalTime).containsExactly(T0 + 120_000, T0 + 60_000);
        assertThat(store.fires(WF, SID, 1)).hasSize(1);
    }

    @Test
    void aBufferedFireIsHeldAndReplacesTheOneHeldBefore() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        one(buffered(T0 + 60_000));
        assertThat(store.schedule(WF, SID).orElseThrow().buffered()).isEqualTo(T0 + 60_000);
        one(buffered(T0 + 120_000));

        assertThat(store.schedule(WF, SID).orElseThrow().buffered()).isEqualTo(T0 + 120_000);
        assertThat(store.fires(WF, SID, 10)).extracting(FireRow::outcome).containsExactly("BUFFERED", "SKIPPED");
    }

    @Test
    void aHeldFireStartsOnce() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        one(buffered(T0 + 60_000));
        RunRow runA = run("held-a").workflow(WF).build();
        RunRow runB = run("held-b").workflow(WF).build();

        assertThat(one(new Write.StartBufferedFire(WF, SID, T0 + 60_000, runA, T0 + 70_000))).isEqualTo(true);
        assertThat(one(new Write.StartBufferedFire(WF, SID, T0 + 60_000, runB, T0 + 70_000))).isEqualTo(false);

        assertThat(store.findRun("held-a")).isPresent();
        assertThat(store.findRun("held-b")).isEmpty();
        assertThat(store.schedule(WF, SID).orElseThrow().buffered()).isNull();
        FireRow fire = store.fires(WF, SID, 1).get(0);
        assertThat(fire.outcome()).isEqualTo("STARTED");
        assertThat(fire.runId()).isEqualTo("held-a");
    }

    @Test
    void droppingTheHeldFireMarksItSkipped() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        one(buffered(T0 + 60_000));
        RunRow run = run("newest").workflow(WF).build();
        one(new Write.RecordFire(new FireRow(WF, SID, T0 + 120_000, T0 + 120_000, T0 + 120_001, "newest", "STARTED",
                "cancel previous"), run, true));

        assertThat(store.schedule(WF, SID).orElseThrow().buffered()).isNull();
        assertThat(store.fires(WF, SID, 10)).extracting(FireRow::outcome).containsExactly("STARTED", "SKIPPED");
    }

    @Test
    void finishedRunsAreNotUnfinished() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        one(started(T0 + 60_000, "done"));
        one(started(T0 + 120_000, "going"));
        one(new Write.FinishRun("done", RunStatus.COMPLETED, "1", "java.lang.Integer", null, T0 + 130_000));

        assertThat(store.unfinishedScheduleRuns(WF, SID)).containsExactly("going");
        assertThat(store.unfinishedScheduleRuns(WF, "other")).isEmpty();
    }

    @Test
    void manySchedulesAreReadTogether() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add("s" + i);
            one(new Write.RegisterSchedule(WF, "s" + i, T0 + i));
        }
        one(new Write.RegisterSchedule("other-workflow", "s0", T0));
        one(new Write.SetSchedulePaused(WF, "s599", true));
        List<String> asked = new java.util.ArrayList<>(ids);
        asked.add("missing");

        java.util.Map<String, ScheduleRow> rows = store.schedules(WF, asked);

        assertThat(rows).hasSize(600).doesNotContainKey("missing");
        assertThat(rows.get("s7")).isEqualTo(new ScheduleRow(WF, "s7", false, null, null, T0 + 7));
        assertThat(rows.get("s599").paused()).isTrue();
        assertThat(store.schedules(WF, List.of("s3"))).containsOnlyKeys("s3");
    }

    @Test
    void theUnfinishedRunsOfManySchedulesAreReadTogether() {
        one(new Write.RegisterSchedule(WF, SID, T0));
        one(started(T0 + 60_000, "done"));
        one(started(T0 + 120_000, "going"));
        one(started(T0 + 180_000, "also-going"));
        one(new Write.FinishRun("done", RunStatus.COMPLETED, "1", "java.lang.Integer", null, T0 + 130_000));
        List<String> asked = new java.util.ArrayList<>(List.of(SID, "idle"));
        for (int i = 0; i < 300; i++) {
            asked.add("absent-" + i);
        }

        java.util.Map<String, List<String>> running = store.unfinishedScheduleRuns(WF, asked);

        assertThat(running).containsOnlyKeys(SID);
        assertThat(running.get(SID)).containsExactly("going", "also-going");
    }

    private Write.RecordFire started(long logical, String runId) {
        RunRow r = run(runId).workflow(WF).build();
        RunRow row = new RunRow(r.id(), r.workflow(), r.status(), r.input(), null, null, null, null, null, 0, null, 0,
                null, null, false, r.createdAt(), null, null, r.updatedAt(), 0, logical);
        return new Write.RecordFire(new FireRow(WF, SID, logical, logical, logical + 1, runId, "STARTED",
                "no previous run running"), row, false);
    }

    private Write.RecordFire skipped(long logical) {
        return new Write.RecordFire(new FireRow(WF, SID, logical, logical, logical + 1, null, "SKIPPED",
                "previous run r still running; overlap SKIP"), null, false);
    }

    private Write.RecordFire buffered(long logical) {
        return new Write.RecordFire(new FireRow(WF, SID, logical, logical, logical + 1, null, "BUFFERED",
                "previous run r still running; overlap BUFFER_ONE holds this fire until it ends"), null, false);
    }

    private Object one(Write write) {
        return store.apply(List.of(write)).get(0);
    }
}
