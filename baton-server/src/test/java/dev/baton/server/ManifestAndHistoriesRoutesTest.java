package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.engine.history.StoreHistories;
import dev.baton.engine.manifest.Manifest;
import dev.baton.engine.manifest.ManifestJson;
import dev.baton.engine.manifest.Manifests;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.Write;
import dev.baton.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /api/manifest} and {@code GET /api/histories}, what {@code baton plan --target URL}
 * reads, over real HTTP against a real engine on a real SQLite file.
 */
@Timeout(60)
class ManifestAndHistoriesRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() {
        baton = TestWorkflows.register(Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))).build();
        baton.start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        baton.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        if (server == null) {
            server = BatonServer.start(baton, "127.0.0.1", 0);
        }
        return http.send(HttpRequest.newBuilder(URI.create(server.url().replaceAll("/$", "") + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theManifestIsTheLastDeploysAndNothingDeployedIsA404ThatSaysSo() throws Exception {
        HttpResponse<String> none = get("/api/manifest");
        assertThat(none.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(none.body());
        assertThat(error.path("deployed").asBoolean(true)).isFalse();
        assertThat(error.path("message").asText()).contains("nothing was deployed", "baton deploy");

        Manifest manifest = Manifests.of(TestWorkflows.register(Baton.builder()).config(), "rev-7");
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(dir.resolve("baton.db")))) {
            store.apply(List.of(new Write.RecordDeployment(new DeploymentRow(0, manifest.hash(), manifest.format(),
                    manifest.codeVersion(), "alice", 1_800_000_000_000L, ManifestJson.write(manifest)))));
        }
        HttpResponse<String> found = get("/api/manifest");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode answer = JSON.readTree(found.body());
        assertThat(answer.path("deployed").asBoolean()).isTrue();
        assertThat(answer.path("id").asLong()).isEqualTo(1);
        assertThat(answer.path("author").asText()).isEqualTo("alice");
        assertThat(answer.path("codeVersion").asText()).isEqualTo("rev-7");
        assertThat(answer.path("deployedAt").asText()).isEqualTo("2027-01-15T08:00:00Z");
        assertThat(answer.path("manifestHash").asText()).isEqualTo(manifest.hash());
        assertThat(answer.path("format").asInt()).isEqualTo(manifest.format());
        assertThat(answer.path("manifest")).isEqualTo(JSON.readTree(ManifestJson.write(manifest)));
        // What the server serves reads back as the same declarations.
        assertThat(ManifestJson.read(answer.path("manifest").toString()).hash()).isEqualTo(manifest.hash());

        assertThat(get("/api/manifest?limit=1").statusCode()).isEqualTo(400);
    }

    @Test
    void historiesAreTheExportFormatOfTheRunsInFlight() throws Exception {
        String waiting = baton.start("Approval", "v1").runId();
        String done = baton.start("Greet", new TestWorkflows.Person("Ada")).runId();
        baton.handle(done).await(Duration.ofSeconds(20));
        awaitStatus(waiting, RunStatus.WAITING);

        HttpResponse<String> answer = get("/api/histories");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        // Byte for byte what `baton export` writes from the same store.
        StringWriter exported = new StringWriter();
        try (SqliteStore store = SqliteStore.openReadOnly(dir.resolve("baton.db"))) {
            new StoreHistories(store).write(null, Set.of(), exported);
        }
        assertThat(answer.body()).isEqualTo(exported.toString()).endsWith("\n").contains("\"id\":\"" + waiting + "\"")
                .doesNotContain(done);
        assertThat(answer.body().lines()).hasSize(1);
        JsonNode line = JSON.readTree(answer.body().lines().findFirst().orElseThrow());
        assertThat(line.path("format").asInt()).isEqualTo(1);
        assertThat(line.path("run").path("input").asText()).isEqualTo("v1");

        HttpResponse<String> completed = get("/api/histories?status=completed&workflow=Greet");
        assertThat(completed.body()).contains(done).doesNotContain(waiting);
        assertThat(get("/api/histories?status=running,waiting&workflow=Greet").body()).isEmpty();

        HttpResponse<String> badStatus = get("/api/histories?status=sleeping");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badStatus.body()).path("field").asText()).isEqualTo("status");
        HttpResponse<String> unknown = get("/api/histories?workflow=NoSuchFlow");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("message").asText()).contains("NoSuchFlow");
    }

    @Test
    void aFailureBeforeTheStreamStartsIsAJsonErrorAndAfterItTheConnectionIsCut() throws Exception {
        for (int i = 0; i < 3; i++) {
            baton.start("Approval", "v" + i);
        }
        // The real engine, with an export that fails once it wrote `failAfter` characters.
        int[] failAfter = {0};
        Baton failing = (Baton) Proxy.newProxyInstance(Baton.class.getClassLoader(), new Class<?>[] {Baton.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("exportHistories")) {
                        Writer out = (Writer) args[2];
                        try {
                            out.write("{\"format\":1}\n".repeat(failAfter[0] / 13));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        throw new IllegalStateException("the store went away");
                    }
                    try {
                        return method.invoke(baton, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        server = BatonServer.start(failing, "127.0.0.1", 0);

        failAfter[0] = 100;
        HttpResponse<String> early = get("/api/histories");
        assertThat(early.statusCode()).isEqualTo(500);
        assertThat(early.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(early.body()).path("message").asText()).contains("the store went away");

        failAfter[0] = 4_000_000;
        assertThatThrownBy(() -> get("/api/histories")).isInstanceOf(IOException.class);
    }

    private void awaitStatus(String runId, RunStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (baton.findRun(runId).orElseThrow().status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " is " + baton.findRun(runId).orElseThrow().status());
            }
            Thread.sleep(20);
        }
    }
}
