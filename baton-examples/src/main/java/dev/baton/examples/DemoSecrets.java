package dev.baton.examples;

import dev.baton.SecretProvider;

import java.util.Optional;

/**
 * The secret of the demo: {@value #NAME}, read from the environment variable of that name, with a
 * harmless default so that the demo runs anywhere. Configure it as the fallback of the real
 * provider:
 *
 * <pre>{@code
 * Baton.builder().secrets(SecretProvider.environment().orElse(DemoSecrets.defaults()))
 * }</pre>
 */
public final class DemoSecrets {
    /** The secret's name, and the environment variable that overrides the default. */
    public static final String NAME = "BATON_DEMO_SECRET";
    /** The value when the environment variable is not set; not a secret, only a demonstration. */
    public static final String DEFAULT_VALUE = "demo-password-not-a-real-secret";

    private DemoSecrets() {
    }

    /** @return a provider that knows only {@value #NAME}, with its default value */
    public static SecretProvider defaults() {
        return name -> NAME.equals(name) ? Optional.of(DEFAULT_VALUE) : Optional.empty();
    }
}
