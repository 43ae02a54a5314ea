package dev.baton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves secrets by name when a step needs them. Values are never stored: the engine masks
 * every resolved value wherever it would be written (checkpoints, errors, logs, events).
 * Implement this interface to read from a vault.
 */
@FunctionalInterface
public interface SecretProvider {

    /**
     * @param name the secret's name, e.g. {@code WAREHOUSE_PASSWORD}
     * @return its value, or empty when this provider does not know it
     */
    Optional<String> resolve(String name);

    /** @return secrets from the process's environment variables */
    static SecretProvider environment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /**
     * Secrets as files in a folder, one file per secret named like it (as Kubernetes and Docker
     * mount them); a trailing newline is dropped.
     *
     * @param folder the folder
     * @return the provider
     */
    static SecretProvider files(Path folder) {
        Objects.requireNonNull(folder, "folder");
        return name -> {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                return Optional.empty();
            }
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8);
                return Optional.of(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read secret file " + file, e);
            }
        };
    }

    /**
     * @param next a provider asked when this one does not know a name
     * @return a provider asking this one first, then {@code next}
     */
    default SecretProvider orElse(SecretProvider next) {
        return name -> {
            Optional<String> value = resolve(name);
            return value.isPresent() ? value : next.resolve(name);
        };
    }
}
