package dev.baton.steps;

import java.util.Objects;

/**
 * A secret referenced by name, resolved only when the step executes. Use it wherever a shell or
 * HTTP step takes a value: command arguments, environment variables, headers, query parameters,
 * bodies.
 *
 * <pre>{@code
 * Shell.command("pg_dump", "--dbname", db).env("PGPASSWORD", Secret.named("WAREHOUSE_PASSWORD"));
 * Http.get(uri).header("Authorization", Secret.named("API_TOKEN").formatted("Bearer %s"));
 * }</pre>
 *
 * <p>At execution the step asks {@link dev.baton.StepContext#secret(String)}, which resolves the
 * name with the engine's {@link dev.baton.SecretProvider} (by default the environment variables)
 * and registers the value with the engine's masker, so that it is replaced by {@code ***}
 * wherever the engine stores or shows text. The steps also mask it themselves in their results,
 * log lines and exception messages. A {@code Secret} never holds the value: its
 * {@link #toString()} shows the name, e.g. {@code <secret:API_TOKEN>}.
 *
 * <p>Immutable and safe to share; equal when name and template are.
 */
public final class Secret {
    /** The placeholder of a template. */
    public static final String PLACEHOLDER = "%s";

    private final String name;
    private final String prefix;
    private final String suffix;

    private Secret(String name, String prefix, String suffix) {
        this.name = name;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /**
     * @param name the secret's name as the {@link dev.baton.SecretProvider} knows it, e.g.
     *             {@code WAREHOUSE_PASSWORD}; not blank, no line breaks
     * @return a reference to it, standing for its whole value
     * @throws IllegalArgumentException when the name is blank or has control characters
     */
    public static Secret named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("secret name must not be blank, was " + (name == null ? "null" : "'" + name + "'"));
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("secret name must not contain control characters, was '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return new Secret(name, "", "");
    }

    /**
     * Embeds the value in a text, such as {@code "Bearer %s"} for an {@code Authorization} header
     * or {@code "--password=%s"} for an argument.
     *
     * @param template a text with exactly one {@code %s}, replaced by the value; no other
     *                 {@code %} sequence is interpreted
     * @return a reference standing for the template with the value in it
     * @throws IllegalArgumentException when the template has no {@code %s} or more than one
     */
    public Secret formatted(String template) {
        Objects.requireNonNull(template, "template");
        int at = template.indexOf(PLACEHOLDER);
        if (at < 0 || template.indexOf(PLACEHOLDER, at + PLACEHOLDER.length()) >= 0) {
            throw new IllegalArgumentException("template must contain exactly one %s, was '" + template + "'");
        }
        return new Secret(name, template.substring(0, at), template.substring(at + PLACEHOLDER.length()));
    }

    /** @return the secret's name */
    public String name() {
        return name;
    }

    /**
     * @param value the resolved value
     * @return the text this reference stands for: the value, inside its template if any
     */
    String apply(String value) {
        return prefix + value + suffix;
    }

    /** @return the text with the value shown as {@code <secret:NAME>}; never the value */
    @Override
    public String toString() {
        return prefix + "<secret:" + name + ">" + suffix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && name.equals(that.name) && prefix.equals(that.prefix)
                && suffix.equals(that.suffix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, prefix, suffix);
    }
}
