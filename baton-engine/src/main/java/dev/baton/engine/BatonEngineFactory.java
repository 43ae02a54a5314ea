package dev.baton.engine;

import dev.baton.Baton;
import dev.baton.spi.BatonConfig;
import dev.baton.spi.EngineFactory;

/** Creates {@link BatonEngine}s for {@link Baton#builder()}. */
public final class BatonEngineFactory implements EngineFactory {
    @Override
    public Baton create(BatonConfig config) {
        return new BatonEngine(config, EngineClock.SYSTEM);
    }
}
