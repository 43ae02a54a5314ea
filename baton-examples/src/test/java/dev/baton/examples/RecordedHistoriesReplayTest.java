package dev.baton.examples;

import dev.baton.replay.ReplayCheck;
import dev.baton.replay.ReplayReport;
import dev.baton.replay.RunReplay;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay check as an application's CI runs it: histories recorded by an earlier build of the
 * examples ({@code baton export}: a reminder sleeping for a day, a release waiting for approval,
 * and a payment that completed after two failed attempts) must replay on the examples as they are
 * now. A change to these workflows that would break such runs fails this test.
 */
class RecordedHistoriesReplayTest {

    @Test
    void runsRecordedByAnEarlierBuildReplayOnTheExamplesAsTheyAreNow() throws URISyntaxException {
        Path histories = Path.of(getClass().getResource("/recorded-histories.jsonl").toURI());

        ReplayReport report = ReplayCheck.of(new ExampleCatalog()).check(histories);

        assertThat(report.runs()).extracting(RunReplay::workflow)
                .containsExactlyInAnyOrder("DelayedReminder", "ReleaseApproval", "FlakyPayment");
        report.assertCompatible();
    }
}
