package dev.baton.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Where the engine reports what it does, collected by {@link dev.baton.BatonBuilder}.
 *
 * @param meters            the registry the engine's {@code baton.*} meters are registered in
 * @param openTelemetry     where run and step spans go, or null for {@code GlobalOpenTelemetry}
 *                          (looked up when a run starts, so that an SDK installed later is used)
 * @param stepLogLimitBytes the most bytes of log one step attempt stores
 */
public record TelemetryConfig(MeterRegistry meters, OpenTelemetry openTelemetry, long stepLogLimitBytes) {

    /** @return the global meter registry, the global OpenTelemetry (looked up per run), 8 MiB of log per attempt */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig(io.micrometer.core.instrument.Metrics.globalRegistry, null,
                dev.baton.BatonBuilder.DEFAULT_STEP_LOG_LIMIT_BYTES);
    }
}
