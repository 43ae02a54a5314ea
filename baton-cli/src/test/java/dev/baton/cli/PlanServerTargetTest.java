package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.examples.ExampleCatalog;
import dev.baton.examples.story.StoryCatalog;
import dev.baton.server.BatonServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton plan --target http://…} (and {@code baton export --server}) against a real Baton
 * server on loopback over a real engine on a temp SQLite file; the failures a server can show
 * (nothing answers, not a Baton server, a stream cut short) against small real HTTP servers.
 */
@Timeout(120)
class PlanServerTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private HttpServer fake;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (baton != null) {
            baton.close();
        }
        if (fake != null) {
            fake.stop(0);
        }
    }

    private Path serverDb() {
        return dir.resolve("server.db");
    }

    /** The CLI of the developer: the class path's declarations, no store of its own. */
    private Cli.Result cli(String... args) {
        return new Cli(dir.resolve("not-used.db")).run(args);
    }

    /**
     * Serves the story's store. The engine that ran the runs is closed first and the one behind
     * the server is not started, so that nothing but a command could change the file.
     *
     * @param inFlight whether a ReleaseApproval run waits for its approval in the store
     * @return the id of that run, or null
     */
    private String serve(boolean inFlight) throws Exception {
        String runId = null;
        try (Baton worker = Baton.builder().store(StoreConfig.sqlite(serverDb()))
                .workflows(new ExampleCatalog()).workflows(new StoryCatalog()).build()) {
            worker.start();
            if (inFlight) {
                runId = worker.startJson("ReleaseApproval", "{\"version\":\"3.0.0\"}", null).runId();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (worker.findRun(runId).orElseThrow().status() != RunStatus.WAITING) {
                    assertThat(System.nanoTime()).as("run waits for its approval").isLessThan(deadline);
                    Thread.sleep(20);
                }
            }
        }
        baton = Baton.builder().store(StoreConfig.sqlite(serverDb()))
                .workflows(new ExampleCatalog()).workflows(new StoryCatalog()).build();
        server = BatonServer.start(baton, "127.0.0.1", 0);
        return runId;
    }

    private String url() {
        return server.url().replaceAll("/$", "");
    }

    private Path manifestWith(java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(cli("manifest").out());
        change.accept(manifest);
        Path file = Files.createTempFile(dir, "manifest", ".json");
        Files.writeString(file, JSON.writeValueAsString(manifest));
        return file;
    }

    @Test
    void noChangesExitZeroAndThePlanWritesNothingToTheServersStore() throws Exception {
        serve(false);
        assertThat(cli("deploy", "--target", serverDb().toString(), "--author", "alice", "--code-version", "abc123")
                .exitCode()).isZero();
        byte[] before = Files.readAllBytes(serverDb());

        Cli.Result plan = cli("plan", "--target", url(), "--code-version", "def456");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("Plan for " + url(), "(code abc123) by alice", "(code def456)",
                "No changes: the declarations are the same as the deployed ones.", "Runs in flight: 0",
                "None introduced or resolved by this change.");

        // --server names the target when --target does not; BATON_TOKEN-style tokens are accepted.
        Cli.Result viaServer = Cli.runRaw("plan", "--server", url(), "--token", "s3cret", "--db",
                dir.resolve("not-used.db").toString());
        assertThat(viaServer.exitCode()).as(viaServer.toString()).isZero();

        assertThat(Arrays.equals(Files.readAllBytes(serverDb()), before)).as("the server's store is unchanged").isTrue();
        assertThat(dir.resolve("not-used.db")).doesNotExist();
    }

    @Test
    void aChangedScheduleAndAnAddedWorkflowExitTwoWithBeforeAndAfterInEveryFormat() throws Exception {
        serve(false);
        // Deployed: HourlyRefresh buffered one fire, and OrderRouting did not exist yet.
        Path deployed = manifestWith(manifest -> {
            ArrayNode workflows = (ArrayNode) manifest.get("workflows");
            for (int i = workflows.size() - 1; i >= 0; i--) {
                JsonNode workflow = workflows.get(i);
                if (workflow.get("name").asText().equals("HourlyRefresh")) {
                    ((ObjectNode) workflow.get("schedules").get(0)).put("overlap", "BUFFER_ONE");
                }
                if (workflow.get("name").asText().equals("OrderRouting")) {
                    workflows.remove(i);
                }
            }
        });
        assertThat(cli("deploy", "--target", serverDb().toString(), "--manifest", deployed.toString(), "--author", "bob")
                .exitCode()).isZero();
        byte[] before = Files.readAllBytes(serverDb());

        Cli.Result plan = cli("plan", "--target", url());
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("+ workflow OrderRouting", "~ schedule HourlyRefresh / 0 * * * * Europe/Berlin",
                "    overlap: BUFFER_ONE -> SKIP", "by bob", "Changes: 1 to add, 1 to change, 0 to remove.");

        Cli.Result markdown = cli("plan", "--target", url(), "--format", "markdown");
        assertThat(markdown.exitCode()).isEqualTo(2);
        assertThat(markdown.out()).contains("## Baton plan", "| + | workflow `OrderRouting` |",
                "| ~ | schedule `HourlyRefresh / 0 * * * * Europe/Berlin` | overlap | `BUFFER_ONE` | `SKIP` |");

        Cli.Result json = cli("plan", "--target", url(), "--format", "json");
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode tree = JSON.readTree(json.out());
        assertThat(tree.get("hasChanges").asBoolean()).isTrue();
        assertThat(tree.get("target").asText()).isEqualTo(url());
        assertThat(tree.get("deployed").get("author").asText()).isEqualTo("bob");
        List<String> changed = new ArrayList<>();
        tree.get("changes").forEach(c -> changed.add(c.get("action").asText() + " " + c.get("name").asText()));
        assertThat(changed).contains("ADDED OrderRouting");
        JsonNode schedule = null;
        for (JsonNode change : tree.get("changes")) {
            if (change.get("action").asText().equals("CHANGED")) {
                schedule = change;
            }
        }
        assertThat(schedule).isNotNull();
        assertThat(schedule.get("fields").get(0).get("before").asText()).isEqualTo("BUFFER_ONE");
        assertThat(schedule.get("fields").get(0).get("after").asText()).isEqualTo("SKIP");

        assertThat(Arrays.equals(Files.readAllBytes(serverDb()), before)).as("plan wrote nothing").isTrue();
    }

    @Test
    void aRunInFlightThatTheNewCodeWouldNotReplayIsReportedFromTheServersHistories() throws Exception {
        String runId = serve(true);
        // The code that started the run named its first step differently: its history, served by
        // the server, no longer replays on the code being planned.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + serverDb()); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE steps SET name = 'draft-release-notes' WHERE seq = 1 AND run_key = "
                    + "(SELECT run_key FROM runs WHERE id = '" + runId + "')");
        }
        assertThat(cli("deploy", "--target", serverDb().toString(), "--author", "alice").exitCode()).isZero();
        byte[] before = Files.readAllBytes(serverDb());

        Cli.Result plan = cli("plan", "--target", url());
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("Runs in flight: 1", "replayed 1 runs in flight on the planned code",
                "! " + runId + " (ReleaseApproval): at seq 1 history recorded", "draft-release-notes",
                "No changes: the declarations are the same as the deployed ones.");

        JsonNode tree = JSON.readTree(cli("plan", "--target", url(), "--format", "json").out());
        assertThat(tree.get("inFlight").get("checked").asBoolean()).isTrue();
        assertThat(tree.get("inFlight").get("broken").get(0).get("runId").asText()).isEqualTo(runId);

        // export --server writes the server's histories, as export does from the store.
        Path exported = dir.resolve("histories.jsonl");
        Cli.Result export = Cli.runRaw("export", "--server", url(), "-o", exported.toString(), "--db",
                dir.resolve("not-used.db").toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.err()).contains("Exported 1 run to " + exported);
        Cli.Result local = new Cli(serverDb()).run("export");
        assertThat(Files.readString(exported)).isEqualTo(local.out()).contains(runId);

        assertThat(Arrays.equals(Files.readAllBytes(serverDb()), before)).as("plan and export wrote nothing").isTrue();
    }

    @Test
    void aManifestFromANewerBatonIsRefusedNamingTheServer() throws Exception {
        serve(false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + serverDb()); Statement st = c.createStatement()) {
            st.execute("INSERT INTO deployments (manifest_hash, format, code_version, author, deployed_at, manifest) "
                    + "VALUES ('sha256:ff', 99, NULL, 'future', 1, '{\"format\": 99}')");
        }
        Cli.Result plan = cli("plan", "--target", url());
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(1);
        assertThat(plan.err()).contains("target " + url(), "deployed manifest (deploy #1) cannot be read",
                "written by a newer Baton");
        assertThat(plan.out()).isEmpty();
    }

    @Test
    void anUnreachableServerIsExitOneNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Cli.Result plan = cli("plan", "--target", "http://127.0.0.1:" + port);
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(1);
        assertThat(plan.err()).contains("cannot reach the Baton server at http://127.0.0.1:" + port, "--target sqlite:PATH");

        assertThat(cli("plan", "--target", "http://").exitCode()).isEqualTo(1);
        Cli.Result export = Cli.runRaw("export", "--server", "http://127.0.0.1:" + port, "--db", "x.db");
        assertThat(export.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(export.err()).contains("cannot reach the Baton server");
    }

    /** A small HTTP server answering each path with a status, a content type and a body, recording headers. */
    private String fake(Map<String, String[]> answers, List<String> authorizations) throws IOException {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", (HttpExchange exchange) -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String[] answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
                    new String[] {"404", "text/html", "<html>not found</html>"});
            byte[] body = answer[2].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[1]);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fake.start();
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    @Test
    void aTruncatedHistoriesStreamIsAClearError() throws Exception {
        serve(true);
        String whole = new Cli(serverDb()).run("export").out();
        assertThat(whole).endsWith("\n");
        List<String> authorizations = new ArrayList<>();
        String url = fake(Map.of(
                "/api/manifest", new String[] {"404", "application/json",
                        "{\"status\":404,\"error\":\"Not Found\",\"message\":\"nothing deployed\",\"deployed\":false}"},
                "/api/histories", new String[] {"200", "application/x-ndjson", whole.substring(0, whole.length() / 2)}),
                authorizations);

        Cli.Result plan = cli("plan", "--target", url, "--token", "t0ken");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(1);
        assertThat(plan.err()).contains("the histories from " + url + "/api/histories", "cut short");
        assertThat(authorizations).containsOnly("Bearer t0ken");
        Path out = dir.resolve("cut.jsonl");
        Cli.Result export = Cli.runRaw("export", "--server", url, "-o", out.toString(), "--db", "x.db");
        assertThat(export.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(export.err()).contains("cut short");
        assertThat(out).as("no file that looks like a whole export").doesNotExist();
    }

    @Test
    void somethingThatIsNotABatonServerOrRefusesIsAClearError() throws Exception {
        List<String> authorizations = new ArrayList<>();
        String url = fake(Map.of("/api/manifest", new String[] {"200", "text/html", "<html>a web shop</html>"}),
                authorizations);
        Cli.Result html = cli("plan", "--target", url);
        assertThat(html.exitCode()).isEqualTo(1);
        assertThat(html.err()).contains(url + " answered GET /api/manifest with 200 and no JSON object; is it a Baton server?");
        assertThat(authorizations).containsOnly("null");
        fake.stop(0);

        url = fake(Map.of("/api/manifest", new String[] {"404", "application/json",
                "{\"status\":404,\"message\":\"no route GET /api/manifest\"}"}), authorizations);
        Cli.Result older = cli("plan", "--target", url);
        assertThat(older.exitCode()).isEqualTo(1);
        assertThat(older.err()).contains(url + " has no /api/manifest", "older than this one");
        fake.stop(0);

        url = fake(Map.of("/api/manifest", new String[] {"401", "application/json",
                "{\"status\":401,\"message\":\"a token is required\"}"}), authorizations);
        Cli.Result refused = cli("plan", "--target", url);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("refused GET /api/manifest (401): a token is required", "--token", "BATON_TOKEN");
    }
}
