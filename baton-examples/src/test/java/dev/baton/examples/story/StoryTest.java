package dev.baton.examples.story;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.ScheduleInfo;
import dev.baton.StepInfo;
import dev.baton.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story's rules on a real engine: job 2 starts after job 1 finished (with its report), job 3
 * never runs beside job 1, and the sales table is never written by both at once. (A simulated
 * year of schedules needs virtual time and is not here.)
 */
@Timeout(60)
class StoryTest {
    @TempDir
    Path dir;

    private Baton engine() {
        Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))
                .workflows(new StoryCatalog()).pollInterval(Duration.ofMillis(50)).build();
        baton.start();
        return baton;
    }

    private static Instant firstStart(Baton baton, String runId) {
        return baton.steps(runId).stream().map(StepInfo::startedAt).min(Instant::compareTo).orElseThrow();
    }

    @Test
    void onALongNightJobTwoFollowsJobOneAndJobThreeWaitsForBoth() {
        try (Baton baton = engine()) {
            RunHandle load = baton.start("NightlyLoad", new NightlyLoad.Night(LocalDate.of(2026, 12, 31), 1));
            RunHandle refresh = baton.start("HourlyRefresh", null);
            RunInfo loaded = load.await(Duration.ofSeconds(30));
            RunInfo refreshed = refresh.await(Duration.ofSeconds(30));
            assertThat(loaded.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(refreshed.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(loaded.output()).contains("\"hours\":3");

            // Job 3 ran entirely before or entirely after job 1: the lock 'heavy' kept them apart.
            boolean refreshFirst = refreshed.endedAt().isBefore(firstStart(baton, load.runId()));
            boolean refreshAfter = !firstStart(baton, refresh.runId()).isBefore(loaded.endedAt());
            assertThat(refreshFirst || refreshAfter).as("job 3 overlapped job 1").isTrue();

            // Job 2 was started by job 1's end, with its report.
            List<RunInfo> published = baton.runs(RunQuery.all().withWorkflow("PublishReport"));
            assertThat(published).hasSize(1);
            RunInfo publish = baton.handle(published.get(0).id()).await(Duration.ofSeconds(30));
            assertThat(publish.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(publish.createdAt()).isAfterOrEqualTo(loaded.endedAt().minusMillis(1));
            assertThat(publish.output()).contains("of 2026-12-31");
        }
    }

    @Test
    void theSchedulesAreRegisteredWithTheirNextFires() {
        try (Baton baton = engine()) {
            List<ScheduleInfo> schedules = baton.schedules();
            assertThat(schedules).extracting(ScheduleInfo::workflow).containsExactlyInAnyOrder("NightlyLoad", "HourlyRefresh");
            ScheduleInfo nightly = schedules.stream().filter(s -> s.workflow().equals("NightlyLoad")).findFirst().orElseThrow();
            assertThat(nightly.nextFire().atZone(NightlyLoad.ZONE).getHour()).isEqualTo(2);
            assertThat(nightly.nextFire().atZone(NightlyLoad.ZONE).getMinute()).isZero();
            assertThat(nightly.nextFire()).isAfter(Instant.now());
            ScheduleInfo hourly = schedules.stream().filter(s -> s.workflow().equals("HourlyRefresh")).findFirst().orElseThrow();
            assertThat(hourly.nextFire().atZone(NightlyLoad.ZONE).getMinute()).isZero();
            assertThat(NightlyLoad.isLongNight(LocalDate.of(2026, 6, 30))).isTrue();
            assertThat(NightlyLoad.isLongNight(LocalDate.of(2026, 6, 29))).isFalse();
        }
    }
}
