package dev.baton.steps;

import dev.baton.Baton;
import dev.baton.LogLine;
import dev.baton.RunEvent;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.RunStatus;
import dev.baton.StepFailedException;
import dev.baton.StepInfo;
import dev.baton.StoreConfig;
import dev.baton.TimelineEvent;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static dev.baton.steps.Engines.RESULT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose shell and HTTP steps use secrets, and leak them on purpose — a failing command that
 * prints the password on stdout and stderr, a server whose error body echoes the token — never
 * writes a value anywhere: not in the database file or its write-ahead log, not in the logs, the
 * results, the errors, the timeline or the progress events.
 */
@Timeout(120)
class SecretMaskingEndToEndTest {
    private static final String PASSWORD = "Wh-pa55-7781-secret";
    private static final String TOKEN = "tok-Zq81-AKx0-9911";

    @TempDir
    Path dir;

    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void noResolvedValueReachesTheDatabaseTheLogsOrAnythingShown() throws Exception {
        // Echo the Authorization header back: in the body of a success, then of a failure.
        server.then(exchange -> LoopbackServer.send(exchange, 200, "text/plain",
                        "welcome " + exchange.getRequestHeaders().getFirst("Authorization")),
                exchange -> LoopbackServer.send(exchange, 403, "text/plain",
                        "token " + exchange.getRequestHeaders().getFirst("Authorization") + " may not publish"));
        Secret password = Secret.named("WAREHOUSE_PASSWORD");
        Secret token = Secret.named("API_TOKEN");
        var workflow = WorkflowDefinition.of("leaky", String.class, (flow, url) -> {
            List<String> seen = new ArrayList<>();
            ShellResult ok = flow.step("connect", Shell.script("echo \"connected with $PGPASSWORD\"; echo \"using $1\" >&2",
                    password.formatted("--password=%s")).env("PGPASSWORD", password));
            seen.add(ok.stdout() + " / " + ok.stderr());
            try {
                flow.step("export", Shell.script("echo \"login failed for $PGPASSWORD\"; "
                        + "echo \"FATAL: password $PGPASSWORD rejected\" >&2; exit 2").env("PGPASSWORD", password).nonRetryableCodes(2));
            } catch (StepFailedException e) {
                seen.add(e.getMessage());
            }
            HttpResult welcome = flow.step("hello", Http.get(URI.create(url)).header("Authorization", token, "Bearer %s"));
            seen.add(welcome.body());
            flow.step("publish", Http.post(URI.create(url)).header("Authorization", token, "Bearer %s")
                    .query("key", password).jsonBody(Map.of("password", password)));
            return String.join("\n", seen);
        });
        Path db = dir.resolve("baton.db");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        String runId;
        List<String> shown = new ArrayList<>();
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).workflow(workflow).listener(events::add)
                .secrets(Engines.provider(Map.of("WAREHOUSE_PASSWORD", PASSWORD, "API_TOKEN", TOKEN))).build()) {
            baton.start();
            RunHandle run = baton.start("leaky", server.uri("/reports").toString());
            runId = run.runId();
            RunInfo info = run.await(RESULT_TIMEOUT);

            assertThat(info.status()).isEqualTo(RunStatus.FAILED);
            // The secrets did reach the outside systems.
            assertThat(server.received()).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + TOKEN);
            assertThat(server.received().get(1).uri().getRawQuery()).isEqualTo("key=" + PASSWORD);
            assertThat(server.received().get(1).body()).contains(PASSWORD);

            // ... and came back in output, errors and bodies, masked.
            List<LogLine> logs = baton.logs(runId, 0, 10_000);
            assertThat(logs).extracting(LogLine::line).contains("connected with ***", "using --password=***",
                    "login failed for ***", "FATAL: password *** rejected");
            StepInfo export = Engines.step(baton, runId, "export");
            assertThat(export.error().message()).contains("FATAL: password *** rejected");
            assertThat(Engines.step(baton, runId, "hello").output()).contains("welcome Bearer ***");
            assertThat(info.error().message()).contains("token Bearer *** may not publish")
                    .contains("?key=<secret:WAREHOUSE_PASSWORD>");

            logs.forEach(line -> shown.add(line.line()));
            for (StepInfo step : baton.steps(runId)) {
                shown.add(step.output());
                shown.add(step.detail());
                if (step.error() != null) {
                    shown.add(step.error().message());
                    shown.add(step.error().stackTrace());
                }
                step.attempts().stream().filter(a -> a.error() != null).forEach(a -> {
                    shown.add(a.error().message());
                    shown.add(a.error().stackTrace());
                });
            }
            shown.add(info.error().message());
            shown.add(info.error().stackTrace());
            baton.timeline(runId).stream().map(TimelineEvent::detail).forEach(shown::add);
            assertDatabaseFilesFree(db, true);
        }
        events.stream().map(RunEvent::detail).forEach(shown::add);
        assertThat(shown).isNotEmpty().allSatisfy(text -> assertFree(text, "shown text"));
        assertDatabaseFilesFree(db, false);
    }

    private void assertDatabaseFilesFree(Path db, boolean open) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(db.getParent())) {
            files = list.filter(f -> f.getFileName().toString().startsWith(db.getFileName().toString())).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains(open ? new String[] {"baton.db", "baton.db-wal"} : new String[] {"baton.db"});
        for (Path file : files) {
            // ISO-8859-1 keeps every byte as one character, so the search is on the raw bytes.
            assertFree(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), file.getFileName().toString());
        }
    }

    private static void assertFree(String text, String where) {
        if (text == null) {
            return;
        }
        assertThat(text).as(where).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .doesNotContain(PASSWORD.substring(0, 12)).doesNotContain(TOKEN.substring(0, 12));
    }
}
