package dev.baton.engine.alert;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.Alerts;
import dev.baton.engine.BatonEngine;
import dev.baton.engine.EngineClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine has no alert delivery of its own: configured alerts without baton-alerts are refused. */
class AlertsNeedTheirModuleTest {
    @TempDir
    Path folder;

    @Test
    void alertsWithoutTheModuleAreAClearErrorNamingTheDependency() {
        var config = Baton.builder().store(StoreConfig.sqlite(folder.resolve("baton.db")))
                .alerts(Alerts.builder().channel("ops", AlertChannel.slack("https://hooks.example.com/x")).build())
                .config();
        assertThatThrownBy(() -> new BatonEngine(config, EngineClock.SYSTEM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.baton:baton-alerts");
    }
}
