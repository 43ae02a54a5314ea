package dev.baton.engine.observe;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of runs and steps. One span per execution of a run ({@code run WORKFLOW}), with one
 * child span per executed step attempt ({@code step NAME}); replayed steps did not execute and
 * have none. Without an OpenTelemetry SDK every span is a no-op and costs next to nothing.
 */
public final class EngineTracing {
    /** The instrumentation scope the spans are reported under. */
    public static final String SCOPE = "dev.baton.engine";

    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("baton.run.id");
    public static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("baton.workflow");
    public static final AttributeKey<Boolean> RESUMED = AttributeKey.booleanKey("baton.run.resumed");
    public static final AttributeKey<String> RUN_STATUS = AttributeKey.stringKey("baton.run.status");
    public static final AttributeKey<String> STEP = AttributeKey.stringKey("baton.step");
    public static final AttributeKey<Long> SEQ = AttributeKey.longKey("baton.step.seq");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("baton.step.attempt");

    private final OpenTelemetry configured;
    private volatile OpenTelemetry cachedFor;
    private volatile Tracer cached;

    /** @param openTelemetry the instance to report to, or null for the global one (looked up per run) */
    public EngineTracing(OpenTelemetry openTelemetry) {
        this.configured = openTelemetry;
    }

    private Tracer tracer() {
        // The global instance is looked up each time without fixing it, so that an SDK installed
        // after the engine was built is used from then on.
        OpenTelemetry current = configured != null ? configured : GlobalOpenTelemetry.getOrNoop();
        if (current != cachedFor) {
            cached = current.getTracer(SCOPE);
            cachedFor = current;
        }
        return cached;
    }

    /**
     * @param runId    the run
     * @param workflow its workflow
     * @param resumed  false for the run's first execution
     * @return the started span of this execution of the run
     */
    public Span startRun(String runId, String workflow, boolean resumed) {
        return tracer().spanBuilder("run " + workflow)
                .setNoParent()
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(RUN_ID, runId)
                .setAttribute(WORKFLOW, workflow)
                .setAttribute(RESUMED, resumed)
                .startSpan();
    }

    /**
     * @param run      the span of the run's execution
     * @param runId    the run
     * @param workflow its workflow
     * @param step     the step's name
     * @param seq      its sequence number
     * @param attempt  the attempt, from 1
     * @return the started span of this attempt, a child of {@code run}
     */
    public Span startStep(Span run, String runId, String workflow, String step, int seq, int attempt) {
        Tracer tracer = tracer();
        if (cachedFor == OpenTelemetry.noop()) {
            // No SDK: nothing would be recorded; skip the span's building on every step's path.
            return Span.getInvalid();
        }
        return tracer.spanBuilder("step " + step)
                .setParent(Context.root().with(run))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(RUN_ID, runId)
                .setAttribute(WORKFLOW, workflow)
                .setAttribute(STEP, step)
                .setAttribute(SEQ, (long) seq)
                .setAttribute(ATTEMPT, (long) attempt)
                .startSpan();
    }

    /**
     * Ends a span, recording a failure as an exception event and an error status.
     *
     * @param span    the span
     * @param failure what went wrong, or null
     */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }
}
