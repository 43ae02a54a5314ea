package dev.baton.examples;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.StepInfo;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.examples.DelayedReminder.Delivery;
import dev.baton.examples.DelayedReminder.Reminder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.baton.examples.TestEngine.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(90)
class DelayedReminderTest {

    @TempDir
    Path dir;

    @Test
    void sleepsBetweenPreparingAndSending() {
        try (Baton baton = TestEngine.start(dir)) {
            RunHandle run = baton.start("DelayedReminder", new Reminder("ops@example.com", 1));

            Delivery delivery = run.result(RESULT_TIMEOUT);

            assertThat(delivery.to()).isEqualTo("ops@example.com");
            assertThat(delivery.message()).isEqualTo("Reminder for ops@example.com: your report is due.");
            assertThat(Duration.between(delivery.preparedAt(), delivery.sentAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(baton.steps(run.runId()))
                    .filteredOn(s -> s.kind() == StepKind.STEP || s.kind() == StepKind.SLEEP)
                    .extracting(StepInfo::kind)
                    .containsExactly(StepKind.STEP, StepKind.SLEEP, StepKind.STEP);
            assertThat(TestEngine.step(baton, run.runId(), "send").status()).isEqualTo(StepStatus.COMPLETED);
        }
    }

    @Test
    void theSleepSurvivesARestartAndPrepareIsNotExecutedAgain() {
        String runId;
        try (Baton first = TestEngine.start(dir)) {
            runId = first.start("DelayedReminder", new Reminder("ops@example.com", 2)).runId();
            TestEngine.awaitUntil(RESULT_TIMEOUT, "the sleep of run " + runId + " to be recorded",
                    () -> first.steps(runId).stream().anyMatch(s -> s.kind() == StepKind.SLEEP));
        }

        try (Baton second = TestEngine.start(dir)) {
            Delivery delivery = second.handle(runId).result(RESULT_TIMEOUT);

            assertThat(Duration.between(delivery.preparedAt(), delivery.sentAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            StepInfo prepare = TestEngine.step(second, runId, "prepare");
            assertThat(prepare.attempts()).hasSize(1);
            assertThat(TestEngine.step(second, runId, "send").status()).isEqualTo(StepStatus.COMPLETED);
        }
    }
}
