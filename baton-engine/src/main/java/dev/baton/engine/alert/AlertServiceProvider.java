package dev.baton.engine.alert;

import dev.baton.engine.BatonEngine;
import dev.baton.spi.BatonConfig;

/**
 * Where the engine finds alert delivery when the application configures alerts (a
 * {@link java.util.ServiceLoader} service, provided by {@code dev.baton:baton-alerts}), so that
 * the engine itself carries no SMTP or HTTP client of its own.
 */
public interface AlertServiceProvider {

    /**
     * Checks the settings that can only be checked with the application's other settings (the
     * secrets a channel names) and prepares the service; nothing runs yet.
     *
     * @param config the application's settings; {@code config.alerts()} is not null
     * @return the service
     * @throws IllegalArgumentException naming the channel and field when the settings are unusable
     */
    AlertService create(BatonConfig config);

    /** Evaluates alerts and delivers them on threads of its own, never in a run's path. */
    interface AlertService extends AutoCloseable {

        /** @param engine the started engine, for its store, writer and clock */
        void start(BatonEngine engine);

        /** Stops evaluating and delivering; a delivery in flight is finished or left for later. */
        @Override
        void close();
    }
}
