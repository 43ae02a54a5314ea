package dev.baton.steps;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

import java.net.http.HttpRequest;
import java.util.Set;

/**
 * Sends the trace context of the current span with a request, so that the server's spans join
 * the step's trace. The engine makes each step attempt's span current on the thread running the
 * step, so an HTTP step's request carries it. The propagators of the global OpenTelemetry are
 * used once it is set; until then, W3C Trace Context ({@code traceparent}, {@code tracestate}).
 */
final class TraceHeaders {
    private static final TextMapSetter<HttpRequest.Builder> SETTER = (builder, key, value) -> {
        if (builder != null) {
            builder.setHeader(key, value);
        }
    };

    private TraceHeaders() {
    }

    /**
     * @param builder    the request
     * @param userHeaders the names of the headers the step sets itself (lower case): never replaced
     */
    static void inject(HttpRequest.Builder builder, Set<String> userHeaders) {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return;
        }
        TextMapPropagator propagator = GlobalOpenTelemetry.isSet()
                ? GlobalOpenTelemetry.getOrNoop().getPropagators().getTextMapPropagator()
                : W3CTraceContextPropagator.getInstance();
        propagator.inject(context, builder, (carrier, key, value) -> {
            if (!userHeaders.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                SETTER.set(carrier, key, value);
            }
        });
    }
}
