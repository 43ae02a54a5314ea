package dev.baton.alerts;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.alert.AlertChannel;
import dev.baton.engine.work.WorkerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.baton.alerts.AlertApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process known to be dead (a worker id of this host whose process is gone) does not hold up
 * alerting until its evaluator lease runs out: the next process takes the lease over at once.
 */
class DeadEvaluatorTest {
    @TempDir
    Path folder;

    @Test
    void theLeaseOfAnEvaluatorWhoseProcessIsGoneIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // The first engine claims the evaluation under the id of a process of this host that has
        // ended; its own passes come only every minute and its lease lasts three minutes.
        String deadId = WorkerIdentity.current().host() + "/" + gone.pid() + "/" + 1_000L;
        Path db = folder.resolve("baton.db");
        try (Loopback http = new Loopback()) {
            var slowAlerts = AlertApp.fastAlerts().checkEvery(Duration.ofMinutes(1))
                    .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build();
            try (Baton first = AlertApp.builder(db, slowAlerts).workerId(deadId).workflow(AlertApp.load()).build()) {
                first.start();
                var alerts = AlertApp.fastAlerts()
                        .channel("pager", AlertChannel.pagerDuty("KEY").eventsUrl(http.url("/pd"))).build();
                try (Baton second = Baton.builder().store(StoreConfig.sqlite(db)).pollInterval(Duration.ofMillis(20))
                        .alerts(alerts).workflow(AlertApp.load()).build()) {
                    second.start();
                    second.start("Load", "fail").await(Duration.ofSeconds(30));
                    // Within the await's 30 s only a takeover can evaluate: the first engine's lease
                    // lasts 180 s and its next pass is a minute away.
                    await("the failure alerted by the engine that took over", () -> http.at("/pd").size() == 1);
                    assertThat(AlertApp.incidents(second, "Load")).hasSize(1);
                }
            }
        }
    }
}
