package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertIncident;
import dev.baton.alert.SmtpSecurity;
import dev.baton.alert.Alerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.baton.alerts.AlertApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Two engines on one store, both with alerts: each incident is raised once and each page sent once. */
class ClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path folder;

    @Test
    void twoProcessesOnOneStoreSendEachNotificationOnce() throws Exception {
        try (Loopback http = new Loopback()) {
            Alerts alerts = AlertApp.fastAlerts().throttle(Duration.ofHours(1))
                    .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build();
            List<Baton> engines = new ArrayList<>();
            try {
                for (String worker : List.of("worker-a", "worker-b")) {
                    var builder = AlertApp.builder(folder.resolve("baton.db"), alerts).workerId(worker);
                    for (int w = 0; w < 5; w++) {
                        builder.workflow(AlertApp.load().withName("Load" + w));
                    }
                    Baton baton = builder.build();
                    engines.add(baton);
                    baton.start();
                }
                List<RunHandle> runs = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    runs.add(engines.get(i % 2).start("Load" + (i % 5), "fail"));
                }
                runs.forEach(r -> r.await(Duration.ofSeconds(60)));
                Baton any = engines.get(0);
                await("all 20 failures counted", () -> any.alerts(100).stream().mapToInt(i -> i.count()).sum() == 20);
                await("every delivery settled", () -> AlertApp.allSettled(any));
                assertThat(any.alerts(100)).hasSize(5);
                Set<String> keys = new HashSet<>();
                for (Loopback.Request page : http.at("/pd")) {
                    assertThat(keys.add(JSON.readTree(page.body()).path("dedup_key").asText())).as("paged once").isTrue();
                }
                assertThat(keys).hasSize(5);
            } finally {
                engines.forEach(Baton::close);
            }
        }
    }

    @Test
    void anAttemptSlowerThanItsLeaseIsStoppedAndRecordedNotSentAgainByAnotherProcess() throws Exception {
        // 26 replies 600 ms apart: 15 s for one message, each reply well within the 1 s read timeout,
        // the whole conversation far beyond the claim's lease (3 x 1 s + 5 s).
        try (SlowSmtpServer smtp = new SlowSmtpServer(600)) {
            String[] to = new String[20];
            for (int i = 0; i < to.length; i++) {
                to[i] = "oncall" + i + "@example.com";
            }
            Alerts alerts = AlertApp.fastAlerts().requestTimeout(Duration.ofSeconds(1))
                    .channel("mail", AlertChannel.email("127.0.0.1", smtp.port(), SmtpSecurity.NONE,
                            "baton@example.com", to)).build();
            List<Baton> engines = new ArrayList<>();
            try {
                for (String worker : List.of("worker-a", "worker-b")) {
                    Baton baton = AlertApp.builder(folder.resolve("baton.db"), alerts).workerId(worker)
                            .workflow(AlertApp.load()).build();
                    engines.add(baton);
                    baton.start();
                }
                engines.get(0).start("Load", "fail").await(Duration.ofSeconds(30));
                Baton any = engines.get(0);
                await("the delivery settled", () -> !any.alerts(10).isEmpty() && AlertApp.allSettled(any));
                AlertIncident.Delivery delivery = any.alerts(10).get(0).deliveries().get(0);
                assertThat(delivery.status()).isEqualTo("FAILED");
                assertThat(delivery.attempts()).as("every attempt recorded").isEqualTo(3);
                assertThat(delivery.lastResult()).contains("stopped after 3000 ms");
                assertThat(smtp.accepted()).as("never sent by two processes").isLessThanOrEqualTo(1);
            } finally {
                engines.forEach(Baton::close);
            }
        }
    }
}
