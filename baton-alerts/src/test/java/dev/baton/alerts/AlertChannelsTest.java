package dev.baton.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertIncident;
import dev.baton.alert.AlertRule;
import dev.baton.alert.SmtpSecurity;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.baton.alerts.AlertApp.await;
import static dev.baton.alerts.AlertApp.incidents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed run alerts every kind of channel, each in the format its service documents, and the
 * next successful run resolves it: a real engine on a real SQLite file, a loopback HTTP server
 * standing in for Slack, PagerDuty and a webhook receiver, and GreenMail as the SMTP server.
 */
class AlertChannelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path folder;
    private Loopback http;
    private GreenMail smtp;
    private Baton baton;

    @BeforeEach
    void servers() throws Exception {
        http = new Loopback();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        if (baton != null) {
            baton.close();
        }
        http.close();
        smtp.stop();
    }

    private Baton start() {
        baton = AlertApp.builder(folder.resolve("baton.db"), AlertApp.fastAlerts()
                        .channel("slack", AlertChannel.slack(http.url("/slack")))
                        .channel("pager", AlertChannel.pagerDuty("R0UTINGKEY0123456789abcdef012345").eventsUrl(http.url("/pd")))
                        .channel("hook", AlertChannel.webhook(http.url("/hook"), "HOOK_SECRET"))
                        .channel("mail", AlertChannel.email("127.0.0.1", smtp.getSmtp().getPort(), SmtpSecurity.NONE,
                                "baton@example.com", "data-oncall@example.com"))
                        .route("team-data", "slack", "pager", "hook", "mail")
                        .defaultRoute("slack")
                        .build())
                .workflow(AlertApp.load()).workflow(AlertApp.flaky())
                .build();
        baton.start();
        return baton;
    }

    @Test
    void aFailedRunAlertsEveryChannelWithErrorLogsAndLinksAndRecoveryResolvesIt() throws Exception {
        start();
        String failed = baton.start("Load", "fail").await(Duration.ofSeconds(30)).id();
        assertThat(baton.findRun(failed).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        await("the four notifications", () -> http.at("/slack").size() == 1 && http.at("/pd").size() == 1
                && http.at("/hook").size() == 1 && smtp.getReceivedMessages().length == 1);
        String runUrl = AlertApp.BASE + "/ui/runs/" + failed;

        JsonNode slack = JSON.readTree(http.at("/slack").get(0).body());
        assertThat(slack.path("text").asText()).contains("Load").contains("run failed").contains(runUrl);
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        String facts = slack.path("blocks").get(1).path("text").path("text").asText();
        assertThat(facts).contains("warehouse unreachable").contains("team-data").contains(AlertApp.RUNBOOK)
                .contains("<" + runUrl + "|" + failed + ">");
        assertThat(slack.path("blocks").get(2).path("text").path("text").asText()).contains("still no answer after 30s");
        JsonNode buttons = slack.path("blocks").get(3).path("elements");
        assertThat(buttons.get(0).path("url").asText()).isEqualTo(runUrl);
        assertThat(buttons.get(1).path("url").asText()).isEqualTo(AlertApp.RUNBOOK);

        JsonNode pd = JSON.readTree(http.at("/pd").get(0).body());
        assertThat(pd.path("routing_key").asText()).isEqualTo("R0UTINGKEY0123456789abcdef012345");
        assertThat(pd.path("event_action").asText()).isEqualTo("trigger");
        assertThat(pd.path("dedup_key").asText()).isEqualTo("Load/RUN_FAILED");
        assertThat(pd.path("payload").path("summary").asText()).contains(failed).contains("warehouse unreachable");
        assertThat(pd.path("payload").path("source").asText()).isEqualTo("baton:Load");
        assertThat(pd.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(pd.path("payload").path("custom_details").path("log_excerpt").asText())
                .contains("connecting to warehouse db-7").contains("still no answer after 30s");
        assertThat(pd.path("payload").path("custom_details").path("runbook").asText()).isEqualTo(AlertApp.RUNBOOK);
        assertThat(pd.path("links").get(0).path("href").asText()).isEqualTo(runUrl);

        Loopback.Request hook = http.at("/hook").get(0);
        String timestamp = hook.header(WebhookSender.TIMESTAMP);
        assertThat(hook.header(WebhookSender.SIGNATURE)).isEqualTo("sha256=" + hmac("s3cr3t-key", timestamp + "." + hook.body()));
        assertThat(hook.header(WebhookSender.SIGNATURE)).isNotEqualTo("sha256=" + hmac("another-key", timestamp + "." + hook.body()));
        JsonNode body = JSON.readTree(hook.body());
        assertThat(body.path("action").asText()).isEqualTo("TRIGGER");
        assertThat(body.path("cause").asText()).isEqualTo("RUN_FAILED");
        assertThat(body.path("runId").asText()).isEqualTo(failed);
        assertThat(body.path("runUrl").asText()).isEqualTo(runUrl);
        assertThat(body.path("error").asText()).contains("warehouse unreachable");
        assertThat(body.path("owner").asText()).isEqualTo("team-data");
        assertThat(body.path("logExcerpt").toString()).contains("still no answer after 30s");

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("Load").contains("run failed");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("data-oncall@example.com");
        String text = GreenMailUtil.getBody(mail);
        assertThat(text).contains("warehouse unreachable").contains(runUrl).contains(AlertApp.RUNBOOK)
                .contains("still no answer after 30s").contains("team-data");

        String recovered = baton.start("Load", "ok").await(Duration.ofSeconds(30)).id();
        await("the four resolutions", () -> http.at("/slack").size() == 2 && http.at("/pd").size() == 2
                && http.at("/hook").size() == 2 && smtp.getReceivedMessages().length == 2);
        JsonNode resolve = JSON.readTree(http.at("/pd").get(1).body());
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("Load/RUN_FAILED");
        assertThat(JSON.readTree(http.at("/slack").get(1).body()).path("text").asText()).contains("RESOLVED");
        assertThat(JSON.readTree(http.at("/hook").get(1).body()).path("action").asText()).isEqualTo("RESOLVE");
        assertThat(smtp.getReceivedMessages()[1].getSubject()).contains("RESOLVED");

        AlertIncident incident = incidents(baton, "Load").get(0);
        assertThat(incident.open()).isFalse();
        assertThat(incident.cause()).isEqualTo(AlertRule.RUN_FAILED);
        assertThat(incident.runId()).isEqualTo(recovered);
        await("every delivery recorded", () -> AlertApp.allSettled(baton));
        assertThat(incidents(baton, "Load").get(0).deliveries()).hasSize(8)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo("SENT"));
    }

    @Test
    void aStepFailureThatARetryRecoversSendsNothing() {
        start();
        AlertApp.flakyCalls.set(0);
        assertThat(baton.start("Flaky", "x").await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(AlertApp.flakyCalls.get()).isEqualTo(2);
        // The evaluator reads the timeline in order: once the later failure is told, Flaky's run was looked at.
        baton.start("Load", "fail").await(Duration.ofSeconds(30));
        await("the later failure's alert", () -> http.at("/pd").size() == 1);
        assertThat(baton.alerts(100)).extracting(AlertIncident::workflow).containsExactly("Load");
        assertThat(http.at("/pd").get(0).body()).contains("Load/RUN_FAILED").doesNotContain("Flaky");
    }

    static String hmac(String key, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

}
