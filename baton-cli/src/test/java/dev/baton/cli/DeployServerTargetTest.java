package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.Role;
import dev.baton.examples.ExampleCatalog;
import dev.baton.examples.story.StoryCatalog;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton deploy --target URL} and {@code POST /api/deployments} against a real Baton server
 * with authentication on, over a real engine on a temp SQLite file: an admin deploys, an operator
 * and a viewer are refused (and audited as refused), a bad manifest and a newer format are 400s,
 * and a plan against the server afterwards sees no changes.
 */
@Timeout(120)
class DeployServerTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private AccessRegistry access;
    private String admin;
    private String operator;
    private String viewer;

    @BeforeEach
    void serve() {
        baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("server.db")))
                .workflows(new ExampleCatalog()).workflows(new StoryCatalog()).build();
        server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES, null,
                ServerSecurity.required());
        access = baton.access();
        admin = access.createToken("ci-deploy", Role.ADMIN, null, "test").secret();
        operator = access.createToken("ci-ops", Role.OPERATOR, null, "test").secret();
        viewer = access.createToken("ci-read", Role.VIEWER, null, "test").secret();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (baton != null) {
            baton.close();
        }
    }

    private String url() {
        return server.url().replaceAll("/$", "");
    }

    private Cli.Result cli(String... args) {
        return new Cli(dir.resolve("not-used.db")).run(args);
    }

    @Test
    void anAdminDeploysThroughTheServerAndAPlanAfterwardsSeesNoChanges() throws Exception {
        Cli.Result deployed = cli("deploy", "--target", url(), "--token", admin, "--code-version", "abc123",
                "--note", "release 3.1");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(deployed.out()).contains("to " + url() + " as deploy #1", "(code abc123)", "First deploy.");
        assertThat(dir.resolve("not-used.db")).doesNotExist();

        JsonNode list = JSON.readTree(send(get("/api/deployments", viewer)).body());
        assertThat(list.get("deployments")).hasSize(1);
        assertThat(list.get("deployments").get(0).get("codeVersion").asText()).isEqualTo("abc123");
        assertThat(list.get("deployments").get(0).get("author").asText()).isNotBlank();

        List<AuditEntry> trail = access.audit(new AuditQuery(null, "deploy", null, null, 10, 0));
        assertThat(trail).hasSize(1);
        AuditEntry entry = trail.get(0);
        assertThat(entry.actor()).isEqualTo("ci-deploy");
        assertThat(entry.via()).isEqualTo("token");
        assertThat(entry.outcome()).isEqualTo("ok");
        assertThat(entry.target()).isEqualTo("deploy #1");
        assertThat(entry.address()).isEqualTo("127.0.0.1");
        assertThat(entry.detail()).contains("code abc123", "note: release 3.1", "sha256:");

        Cli.Result plan = cli("plan", "--target", url(), "--token", operator, "--code-version", "abc123");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("No changes: the declarations are the same as the deployed ones.");

        // The same manifest again: recorded, and nothing changed.
        Cli.Result again = cli("deploy", "--target", url(), "--token", admin, "--author", "alice");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("as deploy #2 by alice", "Declarations unchanged since the last deploy.");
    }

    @Test
    void anOperatorOrAViewerIsRefusedAndTheRefusalIsAudited() throws Exception {
        for (String token : List.of(operator, viewer)) {
            Cli.Result refused = cli("deploy", "--target", url(), "--token", token);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("refused the deploy (403)", "needs the role admin",
                    "nothing was deployed");
        }
        Cli.Result anonymous = cli("deploy", "--target", url());
        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.err()).contains("(401)", "--token or BATON_TOKEN");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Result unreachable = cli("deploy", "--target", "http://127.0.0.1:" + closed, "--token", admin);
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach the Baton server at http://127.0.0.1:" + closed,
                "nothing was deployed");

        HttpResponse<String> direct = send(post("/api/deployments", "{\"manifest\":" + cli("manifest").out() + "}",
                operator));
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(baton.deployments(10)).isEmpty();
        List<AuditEntry> trail = access.audit(new AuditQuery(null, "deploy", null, null, 10, 0));
        assertThat(trail).extracting(AuditEntry::actor).containsExactlyInAnyOrder("ci-ops", "ci-read", "ci-ops",
                "anonymous");
        assertThat(trail).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("refused"));
    }

    @Test
    void aBadManifestOrOneOfANewerFormatIsA400AndNothingIsDeployed() throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(cli("manifest").out());

        HttpResponse<String> missing = send(post("/api/deployments", "{\"author\":\"x\"}", admin));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("field").asText()).isEqualTo("manifest");

        ObjectNode edited = manifest.deepCopy();
        ((ObjectNode) edited.get("workflows").get(0)).put("concurrency", 99);
        HttpResponse<String> changed = send(post("/api/deployments", "{\"manifest\":" + edited + "}", admin));
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(changed.body()).get("message").asText()).contains("is not the hash of its declarations");

        ObjectNode noFormat = manifest.deepCopy();
        noFormat.remove("format");
        HttpResponse<String> notAManifest = send(post("/api/deployments", "{\"manifest\":" + noFormat + "}", admin));
        assertThat(notAManifest.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notAManifest.body()).get("message").asText()).contains("no integer field 'format'");

        ObjectNode newer = manifest.deepCopy();
        newer.put("format", 99);
        HttpResponse<String> future = send(post("/api/deployments", "{\"manifest\":" + newer + "}", admin));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(future.body()).get("message").asText()).contains("its format is 99",
                "reads formats up to 1");

        HttpResponse<String> badNote = send(post("/api/deployments", "{\"manifest\":" + manifest + ",\"note\":\"a\\nb\"}",
                admin));
        assertThat(badNote.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badNote.body()).get("field").asText()).isEqualTo("note");

        assertThat(baton.deployments(10)).isEmpty();
        List<AuditEntry> trail = access.audit(new AuditQuery(null, "deploy", null, null, 10, 0));
        assertThat(trail).hasSize(5).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("failed");
            assertThat(e.detail()).startsWith("HTTP 400: ");
        });

        HttpResponse<String> ok = send(post("/api/deployments", "{\"manifest\":" + manifest + ",\"note\":\"first\"}",
                admin));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(ok.body());
        assertThat(answer.get("deployment").get("author").asText()).isEqualTo("ci-deploy");
        assertThat(answer.get("deployment").get("manifestHash").asText()).isEqualTo(manifest.get("hash").asText());
        assertThat(answer.get("deployment").get("changes").get(0).asText()).startsWith("first deploy");
        assertThat(ok.headers().firstValue("Location")).contains("/api/deployments/1");
    }

    private HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + token).GET();
    }

    private HttpRequest.Builder post(String path, String json, String token) {
        return HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
