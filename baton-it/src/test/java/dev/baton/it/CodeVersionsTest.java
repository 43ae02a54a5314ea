package dev.baton.it;

import dev.baton.Baton;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.TimelineEvent;
import dev.baton.WorkflowDefinition;
import dev.baton.engine.store.Store;
import dev.baton.replay.HistoryExport;
import dev.baton.replay.ReplayCheck;
import dev.baton.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy never strands a run: each in-flight run is either finished by code of the version it
 * started under (workers accept only their own version), or taken over by new code that the
 * replay check proved replays it (new workers accept the old version). Two engines, one SQLite
 * file.
 */
@Timeout(90)
class CodeVersionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Version 1: reserve, wait for "go", charge. */
    private static final WorkflowDefinition<String, String> V1 = WorkflowDefinition.of("order", String.class, (flow, in) -> {
        flow.step("reserve", () -> "reserved");
        flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
        flow.step("charge", () -> "charged");
        return "finished by v1";
    });

    /** Version 2 renames the first step: it cannot replay runs of version 1. */
    private static final WorkflowDefinition<String, String> V2_INCOMPATIBLE = WorkflowDefinition.of("order", String.class,
            (flow, in) -> {
                flow.step("reserve-stock", () -> "reserved");
                flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
                flow.step("charge", () -> "charged");
                return "finished by v2";
            });

    /** Version 2 adds a step where runs of version 1 are waiting, guarded by patched: it replays them. */
    private static final WorkflowDefinition<String, String> V2_COMPATIBLE = WorkflowDefinition.of("order", String.class,
            (flow, in) -> {
                flow.step("reserve", () -> "reserved");
                flow.awaitSignal("go", Boolean.class, Duration.ofHours(1));
                if (flow.patched("notify-before-charge")) {
                    flow.step("notify", () -> "notified");
                }
                flow.step("charge", () -> "charged");
                return "finished by v2";
            });

    private static Baton worker(Path db, String version, WorkflowDefinition<String, String> code, String... accepts) {
        return TestEngines.open(db, b -> b.workflow(code).codeVersion(version).workerId("worker-" + version)
                .acceptsRunsOf(accepts));
    }

    private static void awaitWaiting(Baton baton, String runId) {
        TestEngines.await("run " + runId + " to wait for its signal", WAIT, () -> baton.findRun(runId)
                .map(r -> r.status() == RunStatus.WAITING && r.waitingFor() != null && r.waitingFor().contains("go"))
                .orElse(false));
    }

    @Test
    void workersOfTwoVersionsOnOneFileEachFinishTheRunsOfTheirOwnVersion() {
        Path db = dir.resolve("baton.db");
        try (Baton v1 = worker(db, "v1", V1); Baton v2 = worker(db, "v2", V2_INCOMPATIBLE)) {
            String old = v1.start("order", "o-1").runId();
            String fresh = v2.start("order", "o-2").runId();
            awaitWaiting(v1, old);
            awaitWaiting(v2, fresh);
            // Both runs have released their threads; each is due for whichever worker accepts it.
            TestEngines.await("both runs to release their threads", WAIT, () -> v1.findRun(old).orElseThrow().owner() == null
                    && v2.findRun(fresh).orElseThrow().owner() == null);

            v2.signal(old, "go", true);
            v1.signal(fresh, "go", true);

            RunInfo oldRun = TestEngines.awaitStatus(v1, old, RunStatus.COMPLETED, WAIT);
            RunInfo freshRun = TestEngines.awaitStatus(v2, fresh, RunStatus.COMPLETED, WAIT);
            assertThat(v1.codeVersion()).isEqualTo("v1");
            assertThat(oldRun.codeVersion()).isEqualTo("v1");
            assertThat(oldRun.output()).isEqualTo("\"finished by v1\"");
            assertThat(freshRun.codeVersion()).isEqualTo("v2");
            assertThat(freshRun.output()).isEqualTo("\"finished by v2\"");
            assertThat(resumedBy(v1, old)).isEqualTo("worker-v1");
            assertThat(resumedBy(v2, fresh)).isEqualTo("worker-v2");
        }
    }

    @Test
    void aRunOfAnOldVersionWaitsForAWorkerOfThatVersionInsteadOfBreakingOnNewCode() throws Exception {
        Path db = dir.resolve("baton.db");
        String old;
        try (Baton v1 = worker(db, "v1", V1)) {
            old = v1.start("order", "o-1").runId();
            awaitWaiting(v1, old);
        }
        try (Baton v2 = worker(db, "v2", V2_INCOMPATIBLE)) {
            v2.signal(old, "go", true);
            // Given time to take it, the new worker leaves the run alone: not failed, not resumed.
            Thread.sleep(1_500);
            RunInfo untouched = v2.findRun(old).orElseThrow();
            assertThat(untouched.status()).isEqualTo(RunStatus.WAITING);
            assertThat(untouched.owner()).isNull();
        }
        try (Baton v1Again = worker(db, "v1", V1)) {
            RunInfo finished = TestEngines.awaitStatus(v1Again, old, RunStatus.COMPLETED, WAIT);
            assertThat(finished.output()).isEqualTo("\"finished by v1\"");
        }
    }

    @Test
    void newCodeThatTheReplayCheckProvedTakesTheOldVersionsRunsOver() {
        Path db = dir.resolve("baton.db");
        String old;
        try (Baton v1 = worker(db, "v1", V1)) {
            old = v1.start("order", "o-1").runId();
            awaitWaiting(v1, old);
        }
        ReplayReport proof;
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db))) {
            proof = ReplayCheck.of(b -> b.workflow(V2_COMPATIBLE))
                    .check(new HistoryExport(store).histories(null, Set.of()));
        }
        assertThat(proof.compatible()).as(proof.describe()).isTrue();
        assertThat(ReplayCheck.of(b -> b.workflow(V2_INCOMPATIBLE)).check(exported(db)).compatible()).isFalse();

        try (Baton v2 = worker(db, "v2", V2_COMPATIBLE, "v1")) {
            v2.signal(old, "go", true);
            RunInfo finished = TestEngines.awaitStatus(v2, old, RunStatus.COMPLETED, WAIT);
            assertThat(finished.output()).isEqualTo("\"finished by v2\"");
            assertThat(finished.codeVersion()).isEqualTo("v1");
            // The run had not reached the patch point when v2 took it over: it takes the new path there.
            assertThat(v2.steps(old)).extracting(s -> s.name())
                    .containsExactly("reserve", "go", "notify-before-charge", "notify", "charge");
        }
    }

    @Test
    void byDefaultAWorkerTakesRunsOfAnyVersion() {
        Path db = dir.resolve("baton.db");
        String old;
        try (Baton v1 = worker(db, "v1", V1)) {
            old = v1.start("order", "o-1").runId();
            awaitWaiting(v1, old);
        }
        try (Baton v2 = TestEngines.open(db, b -> b.workflow(V2_COMPATIBLE).codeVersion("v2"))) {
            v2.signal(old, "go", true);
            assertThat(TestEngines.awaitStatus(v2, old, RunStatus.COMPLETED, WAIT).output()).isEqualTo("\"finished by v2\"");
        }
    }

    private static java.util.List<dev.baton.replay.RunHistory> exported(Path db) {
        try (Store store = HistoryExport.open(StoreConfig.sqlite(db))) {
            return new HistoryExport(store).histories(null, Set.of());
        }
    }

    private static String resumedBy(Baton baton, String runId) {
        return baton.timeline(runId).stream().filter(e -> e.type().equals("RUN_RESUMED")).map(TimelineEvent::detail)
                .reduce((first, last) -> last).map(d -> d.replaceFirst("^on worker (\\S+),.*$", "$1")).orElse("none");
    }
}
