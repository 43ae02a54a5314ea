package dev.baton.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertRule;
import dev.baton.alert.SmtpSecurity;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule's notification, in every action, through every channel to a real server: the Slack,
 * PagerDuty and webhook payloads each service documents, and e-mail through GreenMail.
 */
class PayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Loopback http;
    private GreenMail smtp;

    @BeforeEach
    void servers() throws Exception {
        http = new Loopback();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        http.close();
        smtp.stop();
    }

    private static AlertNotice notice(AlertRule cause, String action, String runId) {
        return new AlertNotice(action, 7, "Load/" + cause.name(), cause.name(), "Load", runId,
                runId == null ? null : "https://baton.example.com/ui/runs/" + runId, "team-data",
                "https://wiki.example.com/load", "[Baton] Load: " + cause + " " + action, "what happened to Load",
                runId == null ? null : "java.io.IOException: disk full", runId == null ? List.of() : List.of("line 1", "line 2"),
                3, "2026-11-26T02:00:00Z", "2026-11-26T02:05:00Z");
    }

    @Test
    void everyRuleInEveryActionReachesEveryChannelInItsFormat() throws Exception {
        HttpPost post = new HttpPost(Duration.ofSeconds(5));
        Sender slack = new SlackSender(AlertChannel.slack(http.url("/slack")), post, JSON);
        Sender pager = new PagerDutySender(AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd")), post, JSON);
        Sender hook = new WebhookSender(AlertChannel.webhook(http.url("/hook"), "S"), "k3y", post, JSON, Clock.systemUTC());
        Sender mail = new EmailSender(AlertChannel.email("127.0.0.1", smtp.getSmtp().getPort(), SmtpSecurity.NONE,
                "baton@example.com", "oncall@example.com"), null, Duration.ofSeconds(5));
        int sent = 0;
        for (AlertRule rule : List.of(AlertRule.RUN_FAILED, AlertRule.DEADLINE_MISSED, AlertRule.SCHEDULE_MISSED,
                AlertRule.FIRE_SKIPPED)) {
            String runId = rule == AlertRule.SCHEDULE_MISSED || rule == AlertRule.FIRE_SKIPPED ? null : "r-1";
            for (String action : List.of("TRIGGER", "REPEAT", "RESOLVE")) {
                AlertNotice n = notice(rule, action, runId);
                assertThat(slack.send(n, 1)).isEqualTo("HTTP 202");
                assertThat(pager.send(n, 1)).isEqualTo("HTTP 202");
                assertThat(hook.send(n, 1)).isEqualTo("HTTP 202");
                assertThat(mail.send(n, 1)).startsWith("SMTP 250");
                sent++;

                JsonNode s = JSON.readTree(http.at("/slack").get(sent - 1).body());
                assertThat(s.path("text").asText()).contains(n.title());
                assertThat(s.path("blocks").get(0).path("text").path("text").asText()).isEqualTo(n.title());
                assertThat(s.path("blocks").get(1).path("text").path("text").asText()).contains("3 failures")
                        .contains("team-data");

                JsonNode p = JSON.readTree(http.at("/pd").get(sent - 1).body());
                assertThat(p.path("routing_key").asText()).isEqualTo("KEY");
                assertThat(p.path("dedup_key").asText()).isEqualTo("Load/" + rule.name());
                if (action.equals("RESOLVE")) {
                    assertThat(p.path("event_action").asText()).isEqualTo("resolve");
                    assertThat(p.has("payload")).isFalse();
                } else {
                    assertThat(p.path("event_action").asText()).isEqualTo("trigger");
                    assertThat(p.path("payload").path("severity").asText()).isIn("critical", "error", "warning");
                    assertThat(p.path("payload").path("summary").asText()).contains("3 failures since");
                    assertThat(p.path("payload").path("source").asText()).isEqualTo("baton:Load");
                }

                Loopback.Request h = http.at("/hook").get(sent - 1);
                assertThat(h.header(WebhookSender.SIGNATURE)).isEqualTo("sha256=" + AlertChannelsTest.hmac("k3y",
                        h.header(WebhookSender.TIMESTAMP) + "." + h.body()));
                assertThat(JSON.readTree(h.body()).path("cause").asText()).isEqualTo(rule.name());
                assertThat(JSON.readTree(h.body()).path("action").asText()).isEqualTo(action);

                MimeMessage m = smtp.getReceivedMessages()[sent - 1];
                assertThat(m.getSubject()).isEqualTo(n.title());
                assertThat(GreenMailUtil.getBody(m)).contains("what happened to Load").contains("https://wiki.example.com/load");
            }
        }
        assertThat(sent).isEqualTo(12);
    }

    @Test
    void slackKeepsTheNewestLogLinesWithinASectionsLimitAndClosesTheCodeBlock() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 19; i++) {
            lines.add(i + " " + "connecting <db-7> & retrying ".repeat(13));
        }
        lines.add("Caused by: the warehouse refused the login");
        AlertNotice n = new AlertNotice("TRIGGER", 7, "Load/RUN_FAILED", "RUN_FAILED", "Load", "r-1",
                "https://baton.example.com/ui/runs/r-1", "team-data", null, "[Baton] Load: run failed", "Load failed",
                "java.io.IOException: disk full", lines, 1, "2026-11-26T02:00:00Z", "2026-11-26T02:05:00Z");
        Sender slack = new SlackSender(AlertChannel.slack(http.url("/slack")), new HttpPost(Duration.ofSeconds(5)), JSON);
        assertThat(slack.send(n, 1)).isEqualTo("HTTP 202");
        String logs = JSON.readTree(http.at("/slack").get(0).body()).path("blocks").get(2).path("text").path("text").asText();
        // Slack refuses a section whose text is over 3,000 characters.
        assertThat(logs.length()).isLessThanOrEqualTo(3_000);
        assertThat(logs).startsWith("*Last log lines*\n```").endsWith("the warehouse refused the login```")
                .contains("&lt;db-7&gt; &amp; retrying");
    }
}
