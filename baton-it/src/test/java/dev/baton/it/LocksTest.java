package dev.baton.it;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.LockPolicy;
import dev.baton.LockSpec;
import dev.baton.LockUnavailableException;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepContext;
import dev.baton.StepOptions;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(90)
class LocksTest {
    @TempDir
    Path dir;

    /** Counts how many are inside at once, and the most ever. */
    static final class Occupancy {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        void enter(long millis) throws InterruptedException {
            peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(millis);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    private Baton open(Consumer<BatonBuilder> setup) {
        BatonBuilder builder = Baton.builder().store(StoreConfig.sqlite(dir.resolve("b.db")))
                .inMemoryWait(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(50));
        setup.accept(builder);
        Baton baton = builder.build();
        baton.start();
        return baton;
    }

    private static List<RunHandle> startAll(Baton baton, String workflow, int count) {
        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(baton.start(workflow, "item-" + i));
        }
        return runs;
    }

    private static void awaitAll(List<RunHandle> runs) {
        for (RunHandle run : runs) {
            assertThat(run.await(Duration.ofSeconds(60)).status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void aLockLetsOneStepAtATimeWriteAndEveryAcquisitionGetsALargerFencingToken() {
        Occupancy table = new Occupancy();
        List<Long> tokens = new CopyOnWriteArrayList<>();
        var workflow = WorkflowDefinition.of("writer", String.class, (flow, in) -> {
            flow.step("prepare", () -> in);
            return flow.step("write-table", StepOptions.locking("warehouse"), () -> {
                tokens.add(StepContext.current().fencingToken("warehouse"));
                table.enter(20);
                return in;
            });
        });
        try (Baton baton = open(b -> b.lock("warehouse").workflow(workflow))) {
            awaitAll(startAll(baton, "writer", 12));
        }
        assertThat(table.peak).hasValue(1);
        assertThat(tokens).hasSize(12).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPoolAdmitsAsManyAsItHasSlotsAndAWorkflowConcurrencyLimitHoldsPerKey() {
        Occupancy pool = new Occupancy();
        Occupancy perCustomer = new Occupancy();
        Map<String, Occupancy> byKey = new ConcurrentHashMap<>();
        var heavy = WorkflowDefinition.of("heavy", String.class, (flow, in) ->
                flow.step("crunch", StepOptions.locking("connections"), () -> {
                    pool.enter(40);
                    return in;
                }));
        var billing = WorkflowDefinition.of("billing", String.class, (flow, in) -> flow.step("bill", () -> {
            Occupancy customer = byKey.computeIfAbsent(in.substring(0, 1), k -> new Occupancy());
            customer.peak.accumulateAndGet(customer.inside.incrementAndGet(), Math::max);
            try {
                perCustomer.enter(40);
            } finally {
                customer.inside.decrementAndGet();
            }
            return in;
        })).withConcurrency(1, in -> in.substring(0, 1));
        try (Baton baton = open(b -> b.pool("connections", 3).workflow(heavy).workflow(billing))) {
            List<RunHandle> runs = new ArrayList<>(startAll(baton, "heavy", 12));
            for (String customer : List.of("a1", "a2", "a3", "b1", "b2", "b3")) {
                runs.add(baton.start("billing", customer));
            }
            awaitAll(runs);
        }
        assertThat(pool.peak).hasValue(3);
        assertThat(byKey.values()).allSatisfy(o -> assertThat(o.peak).hasValue(1));
        assertThat(perCustomer.peak.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aRunLevelLockIsHeldAcrossALongWaitAndTheNextRunShowsWhatItWaitsFor() {
        List<String> order = new CopyOnWriteArrayList<>();
        var job = WorkflowDefinition.of("nightly", String.class, (flow, in) -> {
            flow.step("start", () -> order.add(in + ":start"));
            flow.sleep(Duration.ofSeconds(1)); // longer than the in-memory wait: the thread is released
            flow.step("end", () -> order.add(in + ":end"));
            return in;
        }).withLocks("table");
        try (Baton baton = open(b -> b.lock("table").workflow(job))) {
            RunHandle first = baton.start("nightly", "first");
            TestEngines.await("the first run to hold the lock", Duration.ofSeconds(20), () -> order.contains("first:start"));
            RunHandle second = baton.start("nightly", "second");
            RunInfo waiting = TestEngines.awaitStatus(baton, second.runId(), RunStatus.WAITING, Duration.ofSeconds(20));
            assertThat(waiting.waitingFor()).contains("lock 'table'").contains(first.runId());
            awaitAll(List.of(first, second));
            assertThat(order).containsExactly("first:start", "first:end", "second:start", "second:end");
            assertThat(baton.timeline(second.runId())).extracting(e -> e.type()).contains("LOCK_WAITING", "LOCK_ACQUIRED");
        }
    }

    @Test
    void waitersAreServedFirstComeFirstServedAndALockIsFreedWhenItsHolderFailsOrIsCancelled() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        var job = WorkflowDefinition.of("job", String.class, (flow, in) -> flow.step("work", StepOptions.locking("table"), () -> {
            order.add(in);
            if (in.equals("holder-fails")) {
                throw new IllegalStateException("boom");
            }
            if (in.equals("holder-cancelled")) {
                Thread.sleep(60_000);
            }
            return in;
        }));
        try (Baton baton = open(b -> b.lock("table").workflow(job))) {
            RunHandle failing = baton.start("job", "holder-fails");
            assertThat(failing.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.FAILED);
            RunHandle holder = baton.start("job", "holder-cancelled");
            TestEngines.await("the holder to run", Duration.ofSeconds(20), () -> order.contains("holder-cancelled"));
            List<RunHandle> line = new ArrayList<>();
            for (String name : List.of("w1", "w2", "w3")) {
                RunHandle waiter = baton.start("job", name);
                TestEngines.await(name + " to wait", Duration.ofSeconds(20),
                        () -> baton.findRun(waiter.runId()).map(r -> r.status() == RunStatus.WAITING).orElse(false));
                line.add(waiter);
            }
            baton.cancel(holder.runId());
            awaitAll(line);
            assertThat(order).containsExactly("holder-fails", "holder-cancelled", "w1", "w2", "w3");
        }
    }

    @Test
    void policiesFailSkipAndMaximumWaitSayWhoHoldsTheLock() {
        var holder = WorkflowDefinition.of("holder", String.class, (flow, in) -> {
            flow.awaitSignal("done", Boolean.class, Duration.ofMinutes(5));
            return in;
        }).withLocks("strict", "optional", "patient");
        var strict = WorkflowDefinition.of("strict", String.class, (flow, in) ->
                flow.step("work", StepOptions.locking("strict"), () -> in));
        var optional = WorkflowDefinition.of("optional", String.class, (flow, in) -> in).withLocks("optional");
        var patient = WorkflowDefinition.of("patient", String.class, (flow, in) ->
                flow.step("work", StepOptions.locking("patient"), () -> in));
        try (Baton baton = open(b -> b.lock(LockSpec.lock("strict").whenTaken(LockPolicy.FAIL))
                .lock(LockSpec.lock("optional").whenTaken(LockPolicy.SKIP))
                .lock(LockSpec.lock("patient").maxWait(Duration.ofMillis(500)))
                .workflow(holder).workflow(strict).workflow(optional).workflow(patient))) {
            RunHandle held = baton.start("holder", "h");
            TestEngines.awaitStatus(baton, held.runId(), RunStatus.WAITING, Duration.ofSeconds(20));

            RunInfo failed = baton.start("strict", "s").await(Duration.ofSeconds(20));
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(baton.steps(failed.id()).get(0).error().type()).isEqualTo(LockUnavailableException.class.getName());
            assertThat(baton.steps(failed.id()).get(0).error().message()).contains("policy is FAIL").contains(held.runId());

            RunInfo skipped = baton.start("optional", "o").await(Duration.ofSeconds(20));
            assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
            assertThat(skipped.error().message()).contains("lock 'optional'").contains(held.runId()).contains("SKIP");

            RunInfo timedOut = baton.start("patient", "p").await(Duration.ofSeconds(20));
            assertThat(timedOut.status()).isEqualTo(RunStatus.FAILED);
            assertThat(baton.steps(timedOut.id()).get(0).error().message()).contains("maximum wait of PT0.5S");
            baton.signal(held.runId(), "done", true);
            assertThat(held.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void undeclaredLocksAndPoolsSmallerThanOneAreRefusedAtRegistration() {
        var job = WorkflowDefinition.of("job", String.class, (flow, in) -> in).withLocks("nowhere");
        assertThatThrownBy(() -> Baton.builder().store(StoreConfig.sqlite(dir.resolve("x.db"))).workflow(job).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workflow 'job'").hasMessageContaining("locks").hasMessageContaining("'nowhere'");
        assertThatThrownBy(() -> Baton.builder().pool("heavy", 0))
                .hasMessage("slots of pool 'heavy' must be >= 1, was 0");
        assertThatThrownBy(() -> WorkflowDefinition.of("job", String.class, (flow, in) -> in).withConcurrency(-1))
                .hasMessageContaining("concurrency of workflow 'job'");
    }
}
