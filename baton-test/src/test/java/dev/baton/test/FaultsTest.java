package dev.baton.test;

import dev.baton.Flow;
import dev.baton.Retry;
import dev.baton.StepOptions;
import dev.baton.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static dev.baton.test.BatonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Step stubs and injected faults: failures, slowness, cancellation at a step, a crash between steps. */
class FaultsTest {

    /** Three steps in a row; the middle one takes the branch its input names. */
    static final class Pipeline implements Workflow<String, String> {
        @Override
        public String run(Flow flow, String branch) {
            long rows = flow.step("extract", StepOptions.retry(Retry.fixed(3, Duration.ofMinutes(10))), () -> 100L);
            String loaded = "fast".equals(branch)
                    ? flow.step("load-fast", () -> "fast:" + rows)
                    : flow.step("load-careful", () -> "careful:" + rows);
            return flow.step("publish", () -> loaded + ":published");
        }
    }

    @RegisterExtension
    static BatonExtension baton = BatonExtension.configure(b -> b.workflow(new Pipeline()));

    @Test
    void failsAStepTwiceThenReturnsWhatTheStubSays(BatonTestKit kit) {
        kit.stub("extract").failTimes(2, () -> new IOException("source unavailable")).thenReturn(7L);

        RunView run = kit.awaitRun(kit.start("Pipeline", "fast"));

        assertThat(run).isCompleted().hasResult("fast:7:published")
                .ranSteps("extract", "load-fast", "publish").ranStep("load-fast").didNotRunStep("load-careful")
                .step("extract").hasAttempts(3).hasAttemptDelays(Duration.ofMinutes(10), Duration.ofMinutes(10));
        assertThat(kit.executions()).extracting(StepExecution::step, StepExecution::attempt, StepExecution::succeeded)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("extract", 1, false),
                        org.assertj.core.groups.Tuple.tuple("extract", 2, false),
                        org.assertj.core.groups.Tuple.tuple("extract", 3, true),
                        org.assertj.core.groups.Tuple.tuple("load-fast", 1, true),
                        org.assertj.core.groups.Tuple.tuple("publish", 1, true));
    }

    @Test
    void aStepThatKeepsFailingFailsTheRunAfterItsLastAttempt(BatonTestKit kit) {
        kit.stub("extract").thenFail(() -> new IOException("source gone"));

        RunView run = kit.awaitRun(kit.start("Pipeline", "careful"));

        assertThat(run).isFailed().hasErrorContaining("source gone").ranSteps("extract")
                .step("extract").failed().hasAttempts(3).hasErrorContaining("IOException");
    }

    @Test
    void aSlowStepTakesItsTimeInVirtualTime(BatonTestKit kit) {
        kit.stub("load-careful").takes(Duration.ofHours(5));
        java.time.Instant began = kit.now();

        RunView run = kit.awaitRun(kit.start("Pipeline", "careful"));

        assertThat(run).isCompleted().hasResult("careful:100:published");
        assertThat(Duration.between(began, run.info().endedAt())).isEqualTo(Duration.ofHours(5));
        assertThat(kit.executions()).filteredOn(e -> e.step().equals("load-careful"))
                .singleElement().extracting(StepExecution::duration).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void cancelsARunWhenItReachesAStep(BatonTestKit kit) {
        kit.cancelAt("publish");

        RunView run = kit.awaitRun(kit.start("Pipeline", "fast"));

        assertThat(run).isCancelled();
        assertThat(run.stepNames()).startsWith("extract", "load-fast");
    }

    @Test
    void aCrashBetweenTwoStepsIsRecoveredByTheNextEngineWithoutRepeatingWhatWasCheckpointed(BatonTestKit kit) {
        kit.stub("load-fast").takes(Duration.ofMinutes(3));
        kit.crashBefore("publish");

        RunView run = kit.awaitRun(kit.start("Pipeline", "fast"));

        assertThat(run).isCompleted().hasResult("fast:100:published").ranSteps("extract", "load-fast", "publish");
        assertThat(kit.incarnations()).isEqualTo(2);
        // Checkpointed steps ran once; the step the crash came before ran once, on the new engine.
        assertThat(kit.executions()).extracting(StepExecution::step).containsExactly("extract", "load-fast", "publish");
        assertThat(run.timeline()).extracting(dev.baton.TimelineEvent::type).contains("RUN_RECOVERED");
    }

    @Test
    void aCrashNowLeavesRunsToTheNextEngine(BatonTestKit kit) {
        kit.stub("load-careful").takes(Duration.ofHours(2));
        String id = kit.start("Pipeline", "careful");
        kit.runFor(Duration.ofHours(1));
        assertThat(kit.executions()).extracting(StepExecution::step).containsExactly("extract");

        kit.crash();

        RunView run = kit.awaitRun(id);
        assertThat(run).isCompleted();
        // The slow step was interrupted by the crash mid-way and executed again, whole, on the new engine.
        List<StepExecution> careful = kit.executions().stream().filter(e -> e.step().equals("load-careful")).toList();
        assertThat(careful).isNotEmpty();
        assertThat(careful.getLast().duration()).isEqualTo(Duration.ofHours(2));
        assertThat(kit.incarnations()).isEqualTo(2);
    }

    /** Reads the wall clock in workflow code: a replay would see another time. */
    static final class ClockReader implements Workflow<Void, Long> {
        @Override
        public Long run(Flow flow, Void input) {
            long now = System.currentTimeMillis();
            return flow.step("stamp", () -> now);
        }
    }

    @Test
    void theDeterminismLinterRunsFromTheKit() {
        BatonAssertions.assertDeterministic(Pipeline.class);
        assertThatThrownBy(() -> BatonAssertions.assertDeterministic(ClockReader.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FaultsTest.java")
                .hasMessageContaining("wall-clock").hasMessageContaining("flow.now()");
    }

    @Test
    void refusesNonsense(BatonTestKit kit) {
        assertThatThrownBy(() -> kit.stub("extract").failTimes(0, IOException::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'extract'");
        assertThatThrownBy(() -> kit.stub("extract").takes(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'extract'");
    }
}
