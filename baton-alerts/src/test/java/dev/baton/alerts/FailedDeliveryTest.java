package dev.baton.alerts;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertIncident;
import dev.baton.alert.SmtpSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.baton.alerts.AlertApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels that are down: a refused connection, a receiver answering 500, a receiver refusing the
 * payload (400), an SMTP server that refuses. Each delivery is retried with backoff while retrying
 * can help, every attempt is recorded, and it ends FAILED where the API shows it; the run itself
 * is not held up.
 */
class FailedDeliveryTest {
    @TempDir
    Path folder;
    private Loopback http;
    private RefusingSmtpServer smtp;
    private Baton baton;

    @BeforeEach
    void servers() throws Exception {
        http = new Loopback();
        smtp = new RefusingSmtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (baton != null) {
            baton.close();
        }
        http.close();
        smtp.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void deliveriesToChannelsThatAreDownAreRetriedRecordedAndEndFailedVisibly() throws Exception {
        http.answer("/hook", 500);
        http.answer("/slack", 400);
        baton = AlertApp.builder(folder.resolve("baton.db"), AlertApp.fastAlerts()
                        .channel("refused", AlertChannel.pagerDuty("KEY").eventsUrl("http://127.0.0.1:" + closedPort() + "/v2/enqueue"))
                        .channel("hook", AlertChannel.webhook(http.url("/hook"), "HOOK_SECRET"))
                        .channel("slack", AlertChannel.slack(http.url("/slack")))
                        .channel("mail", AlertChannel.email("127.0.0.1", smtp.port(), SmtpSecurity.NONE,
                                "baton@example.com", "oncall@example.com"))
                        .build())
                .workflow(AlertApp.load()).build();
        baton.start();
        assertThat(baton.start("Load", "fail").await(Duration.ofSeconds(30)).status()).isEqualTo(RunStatus.FAILED);
        await("every delivery settled", () -> !baton.alerts(10).isEmpty() && AlertApp.allSettled(baton));

        AlertIncident incident = baton.alerts(10).get(0);
        Map<String, AlertIncident.Delivery> byChannel = incident.deliveries().stream()
                .collect(Collectors.toMap(AlertIncident.Delivery::channel, d -> d));
        assertThat(byChannel.values()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo("FAILED");
            assertThat(d.nextAttemptAt()).isNull();
        });
        assertThat(byChannel.get("refused").attempts()).isEqualTo(3);
        assertThat(byChannel.get("refused").lastResult()).contains("cannot connect");
        assertThat(byChannel.get("hook").attempts()).isEqualTo(3);
        assertThat(byChannel.get("hook").lastResult()).contains("HTTP 500");
        assertThat(http.at("/hook")).hasSize(3);
        assertThat(byChannel.get("slack").attempts()).as("a 400 would be refused again: no retry").isEqualTo(1);
        assertThat(byChannel.get("slack").lastResult()).contains("HTTP 400");
        assertThat(byChannel.get("mail").attempts()).isEqualTo(3);
        assertThat(byChannel.get("mail").lastResult()).contains("554");
        assertThat(smtp.connections()).isEqualTo(3);
    }

    @Test
    void aPendingDeliveryOutlivesItsProcessAndIsSentByTheNext() {
        http.answer("/pd", 503);
        // The second attempt waits 2 s: the process is killed between two attempts, not during one
        // (a delivery killed mid-attempt is sent again once its lease ends; see docs/alerts.md).
        var alerts = AlertApp.fastAlerts().delivery(50, Duration.ofSeconds(2), Duration.ofSeconds(2))
                .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build();
        Baton first = AlertApp.builder(folder.resolve("baton.db"), alerts).workflow(AlertApp.load()).build();
        first.start();
        first.start("Load", "fail").await(Duration.ofSeconds(30));
        await("a failed attempt recorded", () -> !first.alerts(10).isEmpty()
                && first.alerts(10).get(0).deliveries().get(0).attempts() == 1);
        ((dev.baton.engine.BatonEngine) first).halt();
        http.answer("/pd", 202);
        baton = AlertApp.builder(folder.resolve("baton.db"), alerts).workerId("another-process")
                .workflow(AlertApp.load()).build();
        baton.start();
        await("the delivery sent by the next process", () -> AlertApp.allSettled(baton)
                && baton.alerts(10).get(0).deliveries().get(0).status().equals("SENT"));
        AlertIncident.Delivery delivery = baton.alerts(10).get(0).deliveries().get(0);
        assertThat(delivery.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(delivery.lastResult()).isEqualTo("HTTP 202");
        assertThat(baton.alerts(10)).hasSize(1);
    }
}
