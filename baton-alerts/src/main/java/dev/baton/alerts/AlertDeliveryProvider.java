package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.alert.AlertServiceProvider;
import dev.baton.spi.BatonConfig;

import java.time.Clock;

/** Registers alert evaluation and delivery with the engine (through {@link java.util.ServiceLoader}). */
public final class AlertDeliveryProvider implements AlertServiceProvider {

    @Override
    public AlertService create(BatonConfig config) {
        ObjectMapper json = new ObjectMapper();
        Channels channels = Channels.of(config.alerts(), config.secrets(), json, Clock.systemUTC());
        return new AlertRuntime(config, channels, json);
    }
}
