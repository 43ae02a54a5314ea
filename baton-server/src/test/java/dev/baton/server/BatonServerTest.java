package dev.baton.server;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatonServerTest {
    @TempDir
    Path dir;

    @Test
    void servesOnLoopbackAndRefusesATakenPort() throws Exception {
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).build()) {
            baton.start();
            try (BatonServer server = BatonServer.start(baton, "127.0.0.1", 0)) {
                assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(server.url() + "api/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"up\"");
                assertThatThrownBy(() -> BatonServer.start(baton, "127.0.0.1", server.port()))
                        .isInstanceOf(ServerStartException.class)
                        .hasMessageContaining("127.0.0.1:" + server.port());
            }
        }
    }
}
