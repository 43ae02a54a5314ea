package dev.baton.engine.schedule;

import dev.baton.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationChecksTest {

    @Test
    void anInvalidCronNamesTheWorkflowTheFieldTheExpressionAndTheReason() {
        assertThatThrownBy(() -> RegistrationChecks.requireCron("NightlyLoad", "61 2 * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("workflow 'NightlyLoad': cron must be a valid cron expression, was '61 2 * * *': ")
                .hasMessageContaining("61 not in range [0, 59]");
    }

    @Test
    void aCronThatCanNeverFireIsRejected() {
        assertThatThrownBy(() -> RegistrationChecks.requireCron("NightlyLoad", "0 0 30 2 *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'NightlyLoad': cron must be a valid cron expression, was '0 0 30 2 *':"
                        + " it never fires: no date matches it");
    }

    @Test
    void anUnknownZoneNamesTheWorkflowAndTheZone() {
        assertThat(RegistrationChecks.requireZone("NightlyLoad", "Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThatThrownBy(() -> RegistrationChecks.requireZone("NightlyLoad", "Europe/Berln"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("workflow 'NightlyLoad': zone must be a known time-zone id such as Europe/Berlin,"
                        + " was 'Europe/Berln'");
    }

    @Test
    void schedulesOfOneWorkflowNeedDistinctIds() {
        Schedule a = Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin"));
        Schedule b = Schedule.cron("0  2 * * *", ZoneId.of("Europe/Berlin")).jitter(Duration.ofMinutes(1));
        assertThatThrownBy(() -> RegistrationChecks.requireSchedules("NightlyLoad", List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'NightlyLoad': id of each schedule must be unique, was '0 2 * * * Europe/Berlin'"
                        + " twice; give one of them Schedule.id(...)");
        assertThatCode(() -> RegistrationChecks.requireSchedules("NightlyLoad", List.of(a, b.id("late"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aPoolAdmitsAtLeastOneHolder() {
        assertThat(RegistrationChecks.requirePoolSize("NightlyLoad", "warehouse", 1)).isEqualTo(1);
        assertThatThrownBy(() -> RegistrationChecks.requirePoolSize("NightlyLoad", "warehouse", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'NightlyLoad': size of pool 'warehouse' must be >= 1, was 0");
    }

    @Test
    void aTriggerNamingAnUnknownWorkflowListsTheRegisteredOnes() {
        assertThatCode(() -> RegistrationChecks.requireKnownWorkflow("PublishReport", "trigger", "NightlyLoad",
                List.of("NightlyLoad", "PublishReport"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RegistrationChecks.requireKnownWorkflow("PublishReport", "trigger", "NightlyLod",
                List.of("PublishReport", "NightlyLoad")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'PublishReport': trigger names unknown workflow 'NightlyLod'; registered workflows:"
                        + " NightlyLoad, PublishReport");
    }
}
