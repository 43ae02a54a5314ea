package dev.baton.alerts;

import dev.baton.Baton;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.Alerts;
import dev.baton.alert.SmtpSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad alert settings are refused when they are given, with an error naming the channel and field. */
class AlertSettingsTest {
    @TempDir
    Path folder;

    @Test
    void malformedUrlsAreRefusedNamingTheChannelAndField() {
        assertThatThrownBy(() -> AlertChannel.slack("hooks.slack.com/services/x"))
                .hasMessageContaining("slack channel: webhookUrl").hasMessageContaining("https://");
        assertThatThrownBy(() -> AlertChannel.slack("https://exa mple.com/x"))
                .hasMessageContaining("slack channel: webhookUrl").hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> AlertChannel.webhook("ftp://example.com/x", "S"))
                .hasMessageContaining("webhook channel: url");
        assertThatThrownBy(() -> AlertChannel.pagerDuty("KEY").eventsUrl("http:///v2"))
                .hasMessageContaining("pagerduty channel: eventsUrl").hasMessageContaining("no host");
        assertThatThrownBy(() -> AlertChannel.pagerDuty(" ")).hasMessageContaining("routingKey");
        assertThatThrownBy(() -> AlertChannel.email("smtp.example.com", 0, SmtpSecurity.STARTTLS, "a@example.com", "b@example.com"))
                .hasMessageContaining("email channel: port");
        assertThatThrownBy(() -> AlertChannel.email("smtp.example.com", 587, SmtpSecurity.STARTTLS, "baton", "b@example.com"))
                .hasMessageContaining("email channel: from");
        assertThatThrownBy(() -> Alerts.builder().baseUrl("baton.example.com"))
                .hasMessageContaining("baseUrl");
    }

    @Test
    void routesMustNameConfiguredChannelsAndDurationsMustNotBeNegative() {
        Alerts.Builder ok = Alerts.builder().channel("slack", AlertChannel.slack("https://hooks.example.com/x"));
        assertThatThrownBy(() -> Alerts.builder().channel("slack", AlertChannel.slack("https://hooks.example.com/x"))
                .route("team-data", "pager").build())
                .hasMessageContaining("route of owner 'team-data'").hasMessageContaining("'pager'")
                .hasMessageContaining("[slack]");
        assertThatThrownBy(() -> ok.throttle(Duration.ofSeconds(-1)).build()).hasMessageContaining("throttle must be >= 0");
        assertThatThrownBy(() -> Alerts.builder().channel("slack", AlertChannel.slack("https://hooks.example.com/x"))
                .scheduleGrace(Duration.ofMinutes(-5)).build()).hasMessageContaining("scheduleGrace");
        assertThatThrownBy(() -> Alerts.builder().build()).hasMessageContaining("at least one channel");
        assertThatThrownBy(() -> Alerts.builder().channel("a b", AlertChannel.slack("https://hooks.example.com/x")))
                .hasMessageContaining("channel's name");
        assertThatThrownBy(() -> AlertApp.load().withDeadline(Duration.ofSeconds(-3)))
                .hasMessageContaining("deadline of workflow 'Load'");
    }

    @Test
    void aSecretAChannelNamesMustBeKnownWhenTheEngineIsBuilt() {
        Alerts alerts = Alerts.builder().channel("hook", AlertChannel.webhook("https://example.com/hook", "NO_SUCH_SECRET"))
                .build();
        assertThatThrownBy(() -> Baton.builder().store(dev.baton.StoreConfig.sqlite(folder.resolve("b.db")))
                .secrets(name -> java.util.Optional.empty()).alerts(alerts).workflow(AlertApp.load()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'hook'").hasMessageContaining("NO_SUCH_SECRET");
    }

}
