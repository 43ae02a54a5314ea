package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackfillTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Schedule NIGHTLY = Schedule.cron("0 2 * * *", BERLIN).id("nightly");
    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");

    @Test
    void plansTheLogicalFiresOfAPastRangeInOrderAcrossTheSpringGap() {
        Backfill backfill = Backfill.plan("NightlyLoad", NIGHTLY, Fires.instant("2026-03-28T00:00", BERLIN),
                Fires.instant("2026-03-31T00:00", BERLIN), NOW);
        assertThat(backfill.fires().stream().map(f -> Fires.local(f, BERLIN)))
                .containsExactly("2026-03-28T02:00+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:00+02:00");
        assertThat(backfill.workflow()).isEqualTo("NightlyLoad");
        assertThat(backfill.scheduleId()).isEqualTo("nightly");
        assertThat(backfill.parallelism()).isEqualTo(BackfillParallelism.sequential());
    }

    @Test
    void carriesTheParallelismCap() {
        Backfill backfill = Backfill.plan("NightlyLoad", NIGHTLY, Instant.parse("2026-04-01T00:00:00Z"), NOW, NOW,
                100, BackfillParallelism.of(4));
        assertThat(backfill.parallelism().maxConcurrentRuns()).isEqualTo(4);
        assertThat(backfill.fires()).hasSize(34);
    }

    @Test
    void aRangeWithoutFiresIsAnEmptyBackfill() {
        Backfill backfill = Backfill.plan("NightlyLoad", NIGHTLY, Instant.parse("2026-05-04T03:00:00Z"), NOW, NOW);
        assertThat(backfill.fires()).isEmpty();
    }

    @Test
    void fromMustBeBeforeTo() {
        assertThatThrownBy(() -> Backfill.plan("NightlyLoad", NIGHTLY, NOW, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'NightlyLoad', schedule 'nightly': backfill from must be before to"
                        + " (2026-05-04T12:00:00Z), was 2026-05-04T12:00:00Z");
    }

    @Test
    void theRangeMustNotReachIntoTheFuture() {
        assertThatThrownBy(() -> Backfill.plan("NightlyLoad", NIGHTLY, Instant.parse("2026-05-01T00:00:00Z"),
                Instant.parse("2026-05-05T00:00:00Z"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'NightlyLoad', schedule 'nightly': backfill to must not be after now"
                        + " (2026-05-04T12:00:00Z), was 2026-05-05T00:00:00Z");
    }

    @Test
    void tooManyFiresFailWithTheCountAndWhatToDo() {
        Schedule minutely = Schedule.cron("* * * * *", BERLIN).id("minutely");
        assertThatThrownBy(() -> Backfill.plan("Poll", minutely, Instant.parse("2026-05-01T00:00:00Z"), NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'Poll', schedule 'minutely': backfill range [2026-05-01T00:00:00Z,"
                        + " 2026-05-04T12:00:00Z) has more than 1000 fires (fire 1001 is at 2026-05-01T16:40:00Z);"
                        + " narrow the range or raise maxFires");
        assertThat(Backfill.plan("Poll", minutely, Instant.parse("2026-05-04T00:00:00Z"), NOW, NOW, 720,
                BackfillParallelism.sequential()).fires()).hasSize(720);
    }

    @Test
    void theParallelismCapIsAtLeastOne() {
        assertThatThrownBy(() -> BackfillParallelism.of(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentRuns must be >= 1, was 0");
    }
}
