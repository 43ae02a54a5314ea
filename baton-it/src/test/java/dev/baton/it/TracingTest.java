package dev.baton.it;

import dev.baton.Baton;
import dev.baton.Retry;
import dev.baton.RunStatus;
import dev.baton.StepOptions;
import dev.baton.WorkflowDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's execution is a span with one child span per executed step attempt. */
@Timeout(60)
class TracingTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    @TempDir
    Path dir;

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    @Test
    void aRunIsASpanWithAChildSpanPerStepAttemptAndFailuresAreRecorded() {
        Map<String, String> seenInside = new ConcurrentHashMap<>();
        var workflow = WorkflowDefinition.of("traced", String.class, (flow, in) -> {
            flow.step("extract", () -> {
                seenInside.put("extract", Span.current().getSpanContext().getSpanId());
                return 1;
            });
            flow.step("flaky", StepOptions.retry(Retry.fixed(2, Duration.ofMillis(10))), () -> {
                if (dev.baton.StepContext.current().attempt() == 1) {
                    throw new IllegalStateException("busy");
                }
                return 2;
            });
            return flow.step("explode", () -> {
                throw new IllegalArgumentException("bad row 7");
            });
        });
        String runId;
        try (Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.openTelemetry(sdk).workflow(workflow))) {
            var run = baton.start("traced", "x");
            runId = run.runId();
            assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.FAILED);
        }
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData runSpan = only(spans, "run traced");
        assertThat(runSpan.getParentSpanContext().isValid()).isFalse();
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("baton.run.id"))).isEqualTo(runId);
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("baton.workflow"))).isEqualTo("traced");
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("baton.run.status"))).isEqualTo("FAILED");
        assertThat(runSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

        List<SpanData> steps = spans.stream().filter(s -> s.getName().startsWith("step ")).toList();
        assertThat(steps).extracting(s -> s.getName() + " #" + s.getAttributes().get(AttributeKey.longKey("baton.step.attempt"))
                + " " + s.getStatus().getStatusCode())
                .containsExactly("step extract #1 UNSET", "step flaky #1 ERROR", "step flaky #2 UNSET", "step explode #1 ERROR");
        for (SpanData step : steps) {
            assertThat(step.getTraceId()).isEqualTo(runSpan.getTraceId());
            assertThat(step.getParentSpanId()).isEqualTo(runSpan.getSpanId());
            assertThat(step.getAttributes().get(AttributeKey.stringKey("baton.run.id"))).isEqualTo(runId);
            assertThat(step.getAttributes().get(AttributeKey.stringKey("baton.workflow"))).isEqualTo("traced");
            assertThat(step.getAttributes().get(AttributeKey.stringKey("baton.step"))).isEqualTo(step.getName().substring(5));
        }
        // The step's span is current inside its body, so outbound calls made there join the trace.
        assertThat(seenInside.get("extract")).isEqualTo(steps.get(0).getSpanId());
        SpanData explode = steps.get(3);
        assertThat(explode.getStatus().getDescription()).isEqualTo("bad row 7");
        assertThat(explode.getEvents()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("exception");
            assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo(IllegalArgumentException.class.getName());
        });
    }

    @Test
    void aRunThatReleasesItsThreadContinuesInASecondSpanMarkedResumed() {
        var workflow = WorkflowDefinition.of("sleepy", String.class, (flow, in) -> {
            flow.step("before", () -> 1);
            flow.sleep(Duration.ofMillis(600)); // longer than the tests' in-memory wait of 300 ms
            return flow.step("after", () -> "done");
        });
        try (Baton baton = TestEngines.open(dir.resolve("baton.db"), b -> b.openTelemetry(sdk).workflow(workflow))) {
            var run = baton.start("sleepy", "x");
            assertThat(run.await(Duration.ofSeconds(20)).status()).isEqualTo(RunStatus.COMPLETED);
        }
        List<SpanData> runs = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("run sleepy")).toList();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).getAttributes().get(AttributeKey.booleanKey("baton.run.resumed"))).isFalse();
        assertThat(runs.get(0).getAttributes().get(AttributeKey.stringKey("baton.run.released"))).contains("sleep");
        assertThat(runs.get(1).getAttributes().get(AttributeKey.booleanKey("baton.run.resumed"))).isTrue();
        assertThat(runs.get(1).getAttributes().get(AttributeKey.stringKey("baton.run.status"))).isEqualTo("COMPLETED");
        // The replayed step did not execute again: one span each.
        assertThat(exporter.getFinishedSpanItems()).filteredOn(s -> s.getName().equals("step before")).hasSize(1);
        SpanData after = only(exporter.getFinishedSpanItems(), "step after");
        assertThat(after.getParentSpanId()).isEqualTo(runs.get(1).getSpanId());
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s among %s", name, spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return named.get(0);
    }
}
