package dev.baton.steps;

import dev.baton.Baton;
import dev.baton.Retry;
import dev.baton.RunHandle;
import dev.baton.StepOptions;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.baton.steps.Engines.RESULT_TIMEOUT;
import static dev.baton.steps.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;

/** An HTTP step's request carries the W3C trace context of its attempt's span, so the server joins the trace. */
@Timeout(120)
class HttpTracePropagationTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    @TempDir
    Path dir;

    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
        sdk.close();
    }

    @Test
    void eachAttemptSendsTheTraceparentOfItsOwnSpan() {
        server.then(status(503, "text/plain", "busy"), status(200, "text/plain", "ok"));
        var workflow = WorkflowDefinition.of("publish", String.class, (flow, url) ->
                flow.step("publish", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(10))), Http.get(URI.create(url))).body());
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db"))).openTelemetry(sdk)
                .pollInterval(Duration.ofMillis(50)).workflow(workflow).build()) {
            baton.start();
            RunHandle run = baton.start("publish", server.uri("/report").toString());
            assertThat(run.<String>result(RESULT_TIMEOUT)).isEqualTo("ok");
        }
        List<SpanData> attempts = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("step publish"))
                .sorted(java.util.Comparator.comparing(s -> s.getAttributes().get(AttributeKey.longKey("baton.step.attempt"))))
                .toList();
        assertThat(attempts).hasSize(2);
        List<String> sent = server.received().stream().map(r -> r.header("traceparent")).toList();
        assertThat(sent).containsExactly(
                "00-" + attempts.get(0).getTraceId() + "-" + attempts.get(0).getSpanId() + "-" + flags(attempts.get(0)),
                "00-" + attempts.get(1).getTraceId() + "-" + attempts.get(1).getSpanId() + "-" + flags(attempts.get(1)));
        assertThat(attempts.get(0).getSpanContext().isSampled()).isTrue();
    }

    private static String flags(SpanData span) {
        return span.getSpanContext().getTraceFlags().asHex();
    }

    @Test
    void withoutASdkNoTraceHeaderIsSentAndAHeaderTheStepSetsIsKept() {
        server.then(status(200, "text/plain", "ok"));
        var plain = WorkflowDefinition.of("plain", String.class, (flow, url) ->
                flow.step("get", Http.get(URI.create(url))).body());
        try (Baton baton = Engines.start(dir.resolve("plain.db"), java.util.Map.of(), plain)) {
            assertThat(baton.start("plain", server.uri("/a").toString()).<String>result(RESULT_TIMEOUT)).isEqualTo("ok");
        }
        var own = WorkflowDefinition.of("own", String.class, (flow, url) ->
                flow.step("get", Http.get(URI.create(url)).header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).body());
        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("own.db"))).openTelemetry(sdk)
                .pollInterval(Duration.ofMillis(50)).workflow(own).build()) {
            baton.start();
            assertThat(baton.start("own", server.uri("/b").toString()).<String>result(RESULT_TIMEOUT)).isEqualTo("ok");
        }
        assertThat(server.received()).extracting(r -> r.header("traceparent"))
                .containsExactly(null, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
}
