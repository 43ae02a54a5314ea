package dev.baton.test;

import dev.baton.ScheduleFire;

import java.util.List;

/**
 * Fluent assertions on what the engine did, in the style of AssertJ (and built on it):
 *
 * <pre>{@code
 * assertThat(kit.awaitRun(id)).isCompleted().ranSteps("extract", "load")
 *         .step("extract").hasAttempts(3).hasAttemptDelays(Duration.ofSeconds(1), Duration.ofSeconds(2));
 * assertThatFires(kit.fires("Nightly", "nightly")).hasOutcomeCount(ScheduleFire.Outcome.SKIPPED, 0);
 * }</pre>
 */
public final class BatonAssertions {
    private BatonAssertions() {
    }

    /** @param run a run as {@link BatonTestKit#run(String)} or {@link BatonTestKit#awaitRun(String)} read it @return its assertions */
    public static RunAssert assertThat(RunView run) {
        return new RunAssert(run);
    }

    /**
     * Checks workflow classes with the determinism linter: fails listing every wall-clock read,
     * random number, thread, blocking call or unordered iteration in workflow code, with file, line
     * and what to use instead (see docs/determinism.md).
     *
     * @param workflows the workflow classes
     */
    public static void assertDeterministic(Class<?>... workflows) {
        dev.baton.lint.DeterminismLinter.assertClean(workflows);
    }

    /** @param fires a schedule's fires, as {@link BatonTestKit#fires(String, String)} read them @return their assertions */
    public static FiresAssert assertThatFires(List<ScheduleFire> fires) {
        return new FiresAssert(fires);
    }
}
