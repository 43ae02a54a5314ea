package dev.baton.spi;

import dev.baton.Baton;

/** Creates the engine behind {@link Baton#builder()}; found with {@link java.util.ServiceLoader}. */
public interface EngineFactory {
    /** @param config the settings @return the engine */
    Baton create(BatonConfig config);
}
