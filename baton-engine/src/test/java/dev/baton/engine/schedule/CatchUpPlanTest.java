package dev.baton.engine.schedule;

import dev.baton.CatchUp;
import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpPlanTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Schedule NIGHTLY = Schedule.cron("0 2 * * *", BERLIN);
    /** Handled: the 26th. Down until the 30th at noon, across the spring-forward night. */
    private static final Instant LAST_HANDLED = Fires.instant("2026-03-26T02:00", BERLIN);
    private static final Instant NOW = Fires.instant("2026-03-30T12:00", BERLIN);

    @Test
    void noneDropsEveryMissedFireAndResumesWithTheNextOne() {
        CatchUpPlan plan = CatchUpPlan.of("NightlyLoad", NIGHTLY.catchUp(CatchUp.none()), LAST_HANDLED, NOW);
        assertThat(plan.toStart()).isEmpty();
        assertThat(plan.next()).hasValue(Fires.instant("2026-03-31T02:00", BERLIN));
    }

    @Test
    void latestStartsOnlyTheMostRecentMissedFire() {
        CatchUpPlan plan = CatchUpPlan.of("NightlyLoad", NIGHTLY.catchUp(CatchUp.latest()), LAST_HANDLED, NOW);
        assertThat(local(plan.toStart())).containsExactly("2026-03-30T02:00+02:00");
        assertThat(plan.next()).hasValue(Fires.instant("2026-03-31T02:00", BERLIN));
    }

    @Test
    void allStartsEveryMissedFireInTheWindowOldestFirstIncludingTheOneMovedByTheGap() {
        CatchUpPlan all = CatchUpPlan.of("NightlyLoad", NIGHTLY.catchUp(CatchUp.all(Duration.ofDays(30))), LAST_HANDLED, NOW);
        assertThat(local(all.toStart())).containsExactly("2026-03-27T02:00+01:00", "2026-03-28T02:00+01:00",
                "2026-03-29T03:00+02:00", "2026-03-30T02:00+02:00");

        CatchUpPlan twoDays = CatchUpPlan.of("NightlyLoad", NIGHTLY.catchUp(CatchUp.all(Duration.ofDays(2))), LAST_HANDLED, NOW);
        assertThat(local(twoDays.toStart())).containsExactly("2026-03-29T03:00+02:00", "2026-03-30T02:00+02:00");
        assertThat(twoDays.next()).hasValue(Fires.instant("2026-03-31T02:00", BERLIN));
    }

    @Test
    void downtimeAcrossTheAutumnRepeatMissesEachLocalHourOnce() {
        Schedule hourly = Schedule.cron("30 * * * *", BERLIN).catchUp(CatchUp.all(Duration.ofDays(1)));
        Instant lastHandled = Instant.parse("2026-10-24T22:30:00Z");           // 00:30 CEST
        Instant now = Instant.parse("2026-10-25T03:00:00Z");                   // 04:00 CET
        CatchUpPlan plan = CatchUpPlan.of("Hourly", hourly, lastHandled, now);
        assertThat(local(plan.toStart())).containsExactly("2026-10-25T01:30+02:00", "2026-10-25T02:30+02:00",
                "2026-10-25T03:30+01:00");
        assertThat(local(List.of(plan.next().orElseThrow()))).containsExactly("2026-10-25T04:30+01:00");
    }

    @Test
    void aFireDueExactlyNowIsStartedAndTheNextIsAfterNow() {
        Schedule tenMinutes = Schedule.every(Duration.ofMinutes(10)).catchUp(CatchUp.all(Duration.ofHours(1)));
        CatchUpPlan plan = CatchUpPlan.of("w", tenMinutes, Instant.parse("2026-05-04T09:50:00Z"), Instant.parse("2026-05-04T10:10:00Z"));
        assertThat(plan.toStart()).containsExactly(Instant.parse("2026-05-04T10:00:00Z"), Instant.parse("2026-05-04T10:10:00Z"));
        assertThat(plan.next()).hasValue(Instant.parse("2026-05-04T10:20:00Z"));
    }

    @Test
    void nothingWasMissedWhenNothingWasMissed() {
        CatchUpPlan plan = CatchUpPlan.of("NightlyLoad", NIGHTLY, Fires.instant("2026-03-30T02:00", BERLIN), NOW);
        assertThat(plan.toStart()).isEmpty();
        assertThat(plan.next()).hasValue(Fires.instant("2026-03-31T02:00", BERLIN));
    }

    @Test
    void aNewScheduleHasMissedNothing() {
        CatchUpPlan plan = CatchUpPlan.of("NightlyLoad", NIGHTLY.catchUp(CatchUp.all(Duration.ofDays(30))), null, NOW);
        assertThat(plan.toStart()).isEmpty();
        assertThat(plan.next()).hasValue(Fires.instant("2026-03-31T02:00", BERLIN));
    }

    @Test
    void aClockBehindTheLastHandledFireNeverRepeatsIt() {
        Instant lastHandled = Fires.instant("2026-03-31T02:00", BERLIN);
        CatchUpPlan plan = CatchUpPlan.of("NightlyLoad", NIGHTLY, lastHandled, NOW);
        assertThat(plan.toStart()).isEmpty();
        assertThat(plan.next()).hasValue(Fires.instant("2026-04-01T02:00", BERLIN));
    }

    @Test
    void aFireStillWaitingOutItsJitterIsNotMissedButNext() {
        Schedule hourly = Schedule.cron("0 * * * *", BERLIN).jitter(Duration.ofMinutes(30)).catchUp(CatchUp.latest());
        Instant logical = Instant.parse("2026-05-04T10:00:00Z");
        Duration delay = Jitter.delay("w", hourly, logical);
        assertThat(delay).as("this test needs a fire with a delay").isGreaterThan(Duration.ofSeconds(1));
        Instant lastHandled = logical.minus(Duration.ofHours(1));

        CatchUpPlan waiting = CatchUpPlan.of("w", hourly, lastHandled, logical.plus(delay).minusNanos(1));
        assertThat(waiting.toStart()).isEmpty();
        assertThat(waiting.next()).hasValue(logical);

        CatchUpPlan due = CatchUpPlan.of("w", hourly, lastHandled, logical.plus(delay));
        assertThat(due.toStart()).containsExactly(logical);
        assertThat(due.next()).hasValue(logical.plus(Duration.ofHours(1)));
    }

    @Test
    void allStartsAtMostTheMaximumKeepingTheMostRecent() {
        Schedule minutely = Schedule.cron("* * * * *", BERLIN).catchUp(CatchUp.all(Duration.ofDays(30)));
        Instant now = Instant.parse("2026-05-04T10:00:30Z");
        CatchUpPlan plan = CatchUpPlan.of("w", minutely, now.minus(Duration.ofDays(10)), now);
        assertThat(plan.toStart()).hasSize(CatchUpPlan.MAX_FIRES).isSorted();
        assertThat(plan.toStart().get(CatchUpPlan.MAX_FIRES - 1)).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
    }

    @Test
    void latestAfterALongDowntimeIsFoundForASparseSchedule() {
        Schedule leapDay = Schedule.cron("0 0 29 2 *", ZoneId.of("UTC"));
        CatchUpPlan plan = CatchUpPlan.of("w", leapDay, Instant.parse("2016-02-29T00:00:00Z"), Instant.parse("2026-05-04T00:00:00Z"));
        assertThat(plan.toStart()).containsExactly(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(plan.next()).hasValue(Instant.parse("2028-02-29T00:00:00Z"));
    }

    private static List<String> local(List<Instant> fires) {
        return fires.stream().map(f -> Fires.local(f, BERLIN)).toList();
    }
}
