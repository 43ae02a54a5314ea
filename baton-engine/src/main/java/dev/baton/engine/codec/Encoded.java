package dev.baton.engine.codec;

/**
 * A value as stored: its JSON and the Java type to read it back into.
 *
 * @param json the JSON text
 * @param type the canonical Java type (e.g. {@code java.util.List<com.acme.Order>}), or null for null
 */
public record Encoded(String json, String type) {
    /** The encoding of {@code null}. */
    public static final Encoded NULL = new Encoded("null", null);
}
