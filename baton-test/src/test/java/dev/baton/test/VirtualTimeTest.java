package dev.baton.test;

import dev.baton.Flow;
import dev.baton.Retry;
import dev.baton.Schedule;
import dev.baton.ScheduleFire;
import dev.baton.StepOptions;
import dev.baton.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.test.BatonAssertions.assertThat;
import static dev.baton.test.BatonAssertions.assertThatFires;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit's virtual time: long waits pass at once, in the order real time would give them. */
class VirtualTimeTest {

    /** Sleeps two days between two steps and reports when it woke. */
    static final class TwoDays implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            flow.step("before", () -> "a");
            flow.sleep(Duration.ofDays(2));
            Instant woke = flow.now();
            return flow.step("after", () -> woke.toString());
        }
    }

    /** A step retried with an hour's backoff, doubling. */
    static final class HourlyRetry implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            return flow.step("call-partner", StepOptions.retry(Retry.exponential(4).withInitialInterval(Duration.ofHours(1))
                    .withMaxInterval(Duration.ofHours(8))), () -> "answered");
        }
    }

    /** A daily job. */
    static final class Daily implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            return flow.step("work", () -> "done at " + flow.logicalTime());
        }
    }

    /** A step with a timeout of half an hour. */
    static final class Bounded implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            return flow.step("slow-call", StepOptions.timeout(Duration.ofMinutes(30)), () -> "fast enough");
        }
    }

    @RegisterExtension
    static BatonExtension baton = BatonExtension.configure(b -> b
            .workflow(new TwoDays())
            .workflow(new HourlyRetry())
            .workflow(new Bounded())
            .workflow(new Daily(), Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")).id("nightly")))
            .startingAt(Instant.parse("2027-03-01T00:00:00Z"));

    @Test
    void aTwoDaySleepPassesAtOnce(BatonTestKit kit) {
        long realStart = System.nanoTime();
        RunView run = kit.awaitRun(kit.start("TwoDays", null));
        long realMillis = (System.nanoTime() - realStart) / 1_000_000;

        assertThat(run).isCompleted().ranSteps("before", "after").waitedFor("timer");
        Instant woke = Instant.parse(run.info().output().replace("\"", ""));
        org.assertj.core.api.Assertions.assertThat(woke)
                .isAfterOrEqualTo(Instant.parse("2027-03-03T00:00:00Z"))
                .isBefore(Instant.parse("2027-03-03T00:00:01Z"));
        System.out.println("a two-day sleep took " + realMillis + " ms of real time");
    }

    @Test
    void retryBackoffOfHoursPassesInOrder(BatonTestKit kit) {
        kit.stub("call-partner").failTimes(3, () -> new IOException("partner down")).thenProceed();

        RunView run = kit.awaitRun(kit.start("HourlyRetry", null));

        assertThat(run).isCompleted().hasResult("answered")
                .step("call-partner").hasAttempts(4)
                .hasAttemptDelays(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
        org.assertj.core.api.Assertions.assertThat(kit.now()).isEqualTo(Instant.parse("2027-03-01T07:00:00Z"));
    }

    @Test
    void aCronScheduleOverAMonthFiresEveryNightAtTwoBerlinTime(BatonTestKit kit) {
        kit.runUntil(Instant.parse("2027-04-01T00:00:00Z"));

        List<Instant> expected = new ArrayList<>();
        for (int day = 1; day <= 31; day++) {
            // Berlin is UTC+1 until 02:00 on the last Sunday of March (the 28th in 2027), UTC+2 after.
            // On the 28th, 02:00 does not exist: the fire comes at the first instant after the gap,
            // 03:00 summer time, which is 01:00 UTC.
            int hourUtc = day < 29 ? 1 : 0;
            expected.add(Instant.parse(String.format("2027-03-%02dT%02d:00:00Z", day, hourUtc)));
        }
        // The horizon is included: the fire due at exactly 2027-04-01T00:00Z (02:00 in Berlin) has come.
        expected.add(Instant.parse("2027-04-01T00:00:00Z"));
        assertThatFires(kit.fires("Daily", "nightly"))
                .hasLogicalTimes(expected.toArray(Instant[]::new))
                .hasOutcomeCount(ScheduleFire.Outcome.STARTED, 32)
                .neverLaterThan(Duration.ZERO);
        org.assertj.core.api.Assertions.assertThat(kit.runs("Daily")).hasSize(32)
                .allSatisfy(r -> org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(dev.baton.RunStatus.COMPLETED));
    }

    @Test
    void aSlowStepTimesOutInVirtualTime(BatonTestKit kit) {
        kit.stub("slow-call").takes(Duration.ofHours(2));

        RunView run = kit.awaitRun(kit.start("Bounded", null));

        assertThat(run).isFailed().hasErrorContaining("timed out after 1800000ms");
    }

    @Test
    void aRunThatWaitsForNothingThatWillComeIsReported(BatonTestKit kit) {
        kit.stub("before").takes(Duration.ofMinutes(5));
        String id = kit.start("TwoDays", null);
        kit.runFor(Duration.ofDays(1));

        assertThat(kit.run(id)).isWaiting().waitedFor("timer");
        org.assertj.core.api.Assertions.assertThat(kit.now()).isEqualTo(Instant.parse("2027-03-02T00:00:00Z"));
        assertThat(kit.awaitRun(id)).isCompleted();
        org.assertj.core.api.Assertions.assertThat(kit.executions("TwoDays"))
                .extracting(StepExecution::step, StepExecution::duration)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before", Duration.ofMinutes(5)),
                        org.assertj.core.groups.Tuple.tuple("after", Duration.ZERO));
    }

    @Test
    void anUnknownRunIsAClearFailure(BatonTestKit kit) {
        assertThatThrownBy(() -> kit.run("no-such-run")).isInstanceOf(AssertionError.class).hasMessageContaining("no-such-run");
    }
}
