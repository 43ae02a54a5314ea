package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Schedule.cron} with the engine on the class path: checked by the cron library at once. */
class ScheduleCronValidationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anOutOfRangeValueIsRejectedWithTheLibrarysReason() {
        assertThatThrownBy(() -> Schedule.cron("0 24 * * *", BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron must be a valid cron expression, was '0 24 * * *': ")
                .hasMessageContaining("24 not in range [0, 23]");
    }

    @Test
    void quartzOnlySyntaxIsRejected() {
        assertThatThrownBy(() -> Schedule.cron("0 0 ? * MON", BERLIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron must be a valid cron expression, was '0 0 ? * MON': ");
        assertThatThrownBy(() -> Schedule.cron("0 0 L * *", BERLIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron must be a valid cron expression, was '0 0 L * *': ");
    }

    @Test
    void aDateThatNeverExistsIsRejected() {
        assertThatThrownBy(() -> Schedule.cron("0 0 31 4 *", BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron must be a valid cron expression, was '0 0 31 4 *': it never fires: no date matches it");
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> Schedule.cron("every day at two", BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron must have 5 fields");
        assertThatThrownBy(() -> Schedule.cron("a b c d e", BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron must be a valid cron expression, was 'a b c d e': ");
    }

    @Test
    void validExpressionsOfBothLengthsAreAccepted() {
        assertThat(Schedule.cron("*/15 9-17 * * MON-FRI", BERLIN).expression()).isEqualTo("*/15 9-17 * * MON-FRI");
        assertThat(Schedule.cron("30 0 2 * * *", BERLIN).expression()).isEqualTo("30 0 2 * * *");
    }
}
