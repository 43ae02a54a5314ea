package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.alert.AlertChannel;
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
}
