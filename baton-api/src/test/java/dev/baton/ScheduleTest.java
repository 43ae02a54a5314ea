package dev.baton;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aCronScheduleHasTheDocumentedDefaults() {
        Schedule schedule = Schedule.cron(" 0  2 * * * ", BERLIN);
        assertThat(schedule.kind()).isEqualTo(Schedule.Kind.CRON);
        assertThat(schedule.expression()).isEqualTo("0 2 * * *");
        assertThat(schedule.zone()).isEqualTo(BERLIN);
        assertThat(schedule.overlap()).isEqualTo(Overlap.SKIP);
        assertThat(schedule.catchUp()).isEqualTo(CatchUp.latest());
        assertThat(schedule.jitter()).isZero();
        assertThat(schedule.id()).isEqualTo("0 2 * * * Europe/Berlin");
        assertThat(schedule.interval()).isNull();
        assertThat(schedule.startingAt()).isNull();
    }

    @Test
    void anIntervalScheduleStartsAtTheEpochByDefault() {
        Schedule schedule = Schedule.every(Duration.ofMinutes(10));
        assertThat(schedule.kind()).isEqualTo(Schedule.Kind.EVERY);
        assertThat(schedule.startingAt()).isEqualTo(Instant.EPOCH);
        assertThat(schedule.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(schedule.id()).isEqualTo("every PT10M");
        assertThat(schedule.startingAt(Instant.parse("2026-05-04T10:03:00Z")).id())
                .isEqualTo("every PT10M from 2026-05-04T10:03:00Z");
    }

    @Test
    void optionsReturnCopiesAndLeaveTheOriginalAlone() {
        Schedule base = Schedule.cron("0 2 * * *", BERLIN);
        Schedule tuned = base.overlap(Overlap.BUFFER_ONE).catchUp(CatchUp.all(Duration.ofDays(1)))
                .jitter(Duration.ofMinutes(5)).id("nightly");
        assertThat(base.overlap()).isEqualTo(Overlap.SKIP);
        assertThat(tuned.overlap()).isEqualTo(Overlap.BUFFER_ONE);
        assertThat(tuned.catchUp()).isEqualTo(CatchUp.all(Duration.ofDays(1)));
        assertThat(tuned.jitter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(tuned.id()).isEqualTo("nightly");
        assertThat(tuned).isEqualTo(Schedule.cron("0 2 * * *", "Europe/Berlin").id("nightly").jitter(Duration.ofMinutes(5))
                .catchUp(CatchUp.all(Duration.ofDays(1))).overlap(Overlap.BUFFER_ONE)).isNotEqualTo(base);
        assertThat(tuned.toString()).contains("id=nightly", "cron=0 2 * * *", "overlap=BUFFER_ONE", "catchUp=all(PT24H)");
    }

    @Test
    void anUnknownZoneNameIsRejectedNamingTheField() {
        assertThat(Schedule.cron("0 2 * * *", "Europe/Berlin").zone()).isEqualTo(BERLIN);
        assertThatThrownBy(() -> Schedule.cron("0 2 * * *", "Europe/Berln"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("zone must be a known time-zone id such as Europe/Berlin, was 'Europe/Berln'");
        assertThatThrownBy(() -> Schedule.cron("0 2 * * *", "not a zone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("zone must be a known time-zone id");
    }

    @Test
    void aWrongNumberOfFieldsIsRejectedEvenWithoutTheEngine() {
        assertThatThrownBy(() -> Schedule.cron("0 2 * *", BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron must have 5 fields (minute hour day-of-month month day-of-week) or 6 (second first),"
                        + " was '0 2 * *' (4 fields)");
        assertThatThrownBy(() -> Schedule.cron("  ", BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("was '  ' (0 fields)");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> Schedule.every(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be > 0, was PT0S");
        assertThatThrownBy(() -> Schedule.every(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be > 0, was PT-1S");
    }

    @Test
    void jitterIsBoundedAndShorterThanTheInterval() {
        assertThatThrownBy(() -> Schedule.cron("0 2 * * *", BERLIN).jitter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be between PT0S and PT8760H, was PT-1S");
        assertThatThrownBy(() -> Schedule.cron("0 2 * * *", BERLIN).jitter(Duration.ofDays(366)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be between PT0S and PT8760H, was PT8784H");
        assertThatThrownBy(() -> Schedule.every(Duration.ofMinutes(10)).jitter(Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be < interval (PT10M), was PT10M");
    }

    @Test
    void theIdMustNotBeBlankOrLong() {
        assertThatThrownBy(() -> Schedule.every(Duration.ofMinutes(10)).id(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id must not be blank, was ' '");
        assertThatThrownBy(() -> Schedule.every(Duration.ofMinutes(10)).id("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("id must be at most 200 characters, was 201");
    }

    @Test
    void aStartBelongsToIntervalSchedulesOnly() {
        assertThatThrownBy(() -> Schedule.cron("0 2 * * *", BERLIN).startingAt(Instant.EPOCH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("startingAt applies to Schedule.every(...) only");
    }

    @Test
    void catchUpAllNeedsAPositiveWindow() {
        assertThatThrownBy(() -> CatchUp.all(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window must be > 0, was PT0S");
        assertThat(CatchUp.none()).hasToString("none()");
        assertThat(CatchUp.all(Duration.ofHours(6))).hasToString("all(PT6H)");
    }
}
