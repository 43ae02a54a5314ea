package dev.baton.steps;

import java.util.Objects;

/**
 * A text given to a step: literal, or a {@link Secret} resolved at execution. Keeps the two apart
 * so that what is shown (messages, {@code toString()}) never contains a resolved value.
 */
sealed interface Value {

    /** @return the text with secrets shown by name */
    String display();

    /** @param scope resolves secrets @return the text to hand to the outside system */
    String resolve(SecretScope scope);

    /**
     * @param value a {@link String}, a {@link Secret}, or any other object (its {@code toString()})
     * @param field the field it is for, named in the error
     * @return the value
     * @throws IllegalArgumentException when it is null
     */
    static Value of(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value instanceof Secret secret ? new SecretValue(secret) : new Literal(value.toString());
    }

    /** A literal text. */
    record Literal(String text) implements Value {
        public Literal {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String display() {
            return text;
        }

        @Override
        public String resolve(SecretScope scope) {
            return text;
        }
    }

    /** A secret, resolved at execution. */
    record SecretValue(Secret secret) implements Value {
        @Override
        public String display() {
            return secret.toString();
        }

        @Override
        public String resolve(SecretScope scope) {
            return scope.resolve(secret);
        }
    }
}
