package dev.baton.engine.manifest;

/** A manifest that cannot be read: malformed, not a manifest, or written by a newer Baton. */
public final class ManifestFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do @param cause the underlying error, or null */
    public ManifestFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
