package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.examples.ExampleCatalog;
import dev.baton.examples.story.StoryCatalog;
import dev.baton.server.BatonServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands with {@code --server URL} against a real Baton server on loopback over a real
 * SQLite file: the command opens no store of its own (its --db points nowhere).
 */
@Timeout(120)
class ServerModeTest {
    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private Path noStore;

    @BeforeEach
    void startServer() {
        baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("server.db")))
                .workflows(new ExampleCatalog()).workflows(new StoryCatalog()).build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0);
        noStore = dir.resolve("not-used.db");
    }

    @AfterEach
    void stopServer() {
        server.close();
        baton.close();
    }

    private Cli.Result cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = server.url();
        all[args.length + 2] = "--db";
        all[args.length + 3] = noStore.toString();
        return Cli.runRaw(all);
    }

    @Test
    void runsAndReadsRunsOnTheServer() throws Exception {
        Cli.Result workflows = cli("workflows");
        assertThat(workflows.exitCode()).as(workflows.toString()).isZero();
        assertThat(workflows.out()).contains("OrderRouting", "ReleaseApproval", "NightlyLoad");

        Cli.Result run = cli("run", "OrderRouting", "--input", "{\"id\":\"A-1\",\"amountCents\":4999,\"country\":\"DE\"}");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("started on " + server.url().replaceAll("/$", ""), "COMPLETED");
        // Progress lines, read from the server as the run goes.
        assertThat(run.out()).contains("step #", "charge-card completed", "OrderRouting  completed →");
        assertThat(run.out().indexOf("run started")).isLessThan(run.out().indexOf("charge-card completed"));
        String id = run.runId();
        assertThat(baton.findRun(id)).isPresent();

        Cli.Result runs = cli("runs", "--workflow", "OrderRouting", "--status", "COMPLETED");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.out()).contains(id, "COMPLETED");
        JsonNode json = new ObjectMapper().readTree(cli("runs", "--json").out());
        assertThat(json.get(0).get("id").asText()).isEqualTo(id);
        assertThat(json.get(0).get("input").get("country").asText()).isEqualTo("DE");

        Cli.Result show = cli("show", id);
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Workflow  OrderRouting", "Steps", "charge-card", "Timeline", "RUN_COMPLETED");
        assertThat(cli("logs", id).exitCode()).isZero();

        assertThat(Files.exists(noStore)).as("no store file was opened").isFalse();
    }

    @Test
    void signalsCancelsAndRefusesWhatTheServerRefuses() {
        Cli.Result waiting = cli("run", "ReleaseApproval", "--input", "{\"version\":\"2.4.0\"}");
        assertThat(waiting.exitCode()).as(waiting.toString()).isZero();
        assertThat(waiting.out()).contains("WAITING", "signal 'approve'");
        String id = waiting.runId();

        Cli.Result signalled = cli("signal", id, "approve", "true");
        assertThat(signalled.exitCode()).as(signalled.toString()).isZero();
        assertThat(signalled.out()).contains("Sent signal 'approve'", "step #3 publish completed", "COMPLETED");

        Cli.Result retry = cli("retry", id);
        assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(retry.err()).contains("is COMPLETED, not FAILED, so it cannot be retried");

        Cli.Result sleeping = cli("run", "DelayedReminder", "--input", "{\"to\":\"ops@example.com\",\"delaySeconds\":3600}");
        assertThat(sleeping.exitCode()).as(sleeping.toString()).isZero();
        Cli.Result cancelled = cli("cancel", sleeping.runId());
        assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
        assertThat(cancelled.out()).contains("CANCELLED");

        Cli.Result unknown = cli("show", "no-such-run");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no run with id 'no-such-run'");
        Cli.Result badInput = cli("run", "OrderRouting", "--input", "{\"amountCents\":\"lots\"}");
        assertThat(badInput.exitCode()).as(badInput.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(badInput.err()).contains("amountCents");
        Cli.Result noWorkflow = cli("run", "Nope");
        assertThat(noWorkflow.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noWorkflow.err()).contains("no workflow named 'Nope'");
    }

    @Test
    void schedulesPauseResumeFiresAndBackfillOnTheServer() {
        Cli.Result list = cli("schedules");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("HourlyRefresh", "NightlyLoad");
        String id = baton.schedules().stream().filter(s -> s.workflow().equals("HourlyRefresh")).findFirst()
                .orElseThrow().id();

        assertThat(cli("pause", "HourlyRefresh", id).out()).contains("Paused");
        assertThat(baton.schedules().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().paused()).isTrue();
        assertThat(cli("resume", "HourlyRefresh", id).out()).contains("Resumed");

        Cli.Result backfill = cli("backfill", "HourlyRefresh", id, "--from", "2026-01-01T00:00:00Z",
                "--to", "2026-01-01T02:00:00Z", "--parallelism", "1");
        assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
        assertThat(backfill.out()).contains("2 runs");
        assertThat(cli("fires", "HourlyRefresh", id).exitCode()).isZero();

        Cli.Result unknown = cli("pause", "HourlyRefresh", "weekly");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("has no schedule 'weekly'");
    }

    @Test
    void anUnreachableServerIsSaidPlainly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Cli.Result result = Cli.runRaw("runs", "--server", "http://127.0.0.1:" + port);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("cannot reach the Baton server at http://127.0.0.1:" + port);

        Cli.Result notAUrl = Cli.runRaw("runs", "--server", "localhost:8080");
        assertThat(notAUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAUrl.err()).contains("--server must be a URL");
    }
}
