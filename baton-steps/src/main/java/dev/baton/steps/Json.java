package dev.baton.steps;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.io.IOException;
import java.util.List;

/**
 * JSON for HTTP bodies and responses, with the engine's settings (records, {@code java.time},
 * {@code Optional}; dates as ISO text; unknown response fields ignored, since APIs add fields).
 *
 * <p>A {@link Secret} inside a JSON body is kept in the tree as a placeholder when the step is
 * built and replaced by its value only when the step executes.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .registerModule(new ParameterNamesModule())
            .registerModule(new SimpleModule("baton-secrets").addSerializer(Secret.class, new SecretPlaceholder()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private Json() {
    }

    /**
     * @param value a body
     * @return its JSON tree, secrets left as placeholders; a snapshot that later changes to the
     * object do not affect
     * @throws IllegalArgumentException when it cannot be written as JSON
     */
    static JsonNode snapshot(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jsonBody cannot be written as JSON: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /**
     * @param tree  a snapshot from {@link #snapshot}
     * @param scope resolves the secrets in it
     * @return the JSON text with secrets resolved
     */
    static String write(JsonNode tree, SecretScope scope) throws IOException {
        return MAPPER.writeValueAsString(resolve(tree.deepCopy(), scope));
    }

    private static JsonNode resolve(JsonNode node, SecretScope scope) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Secret secret) {
            return TextNode.valueOf(scope.resolve(secret));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, resolve(object.get(name), scope));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolve(array.get(i), scope));
            }
        }
        return node;
    }

    /** Writes a {@link Secret} into a tree as itself, to be resolved at execution. */
    private static final class SecretPlaceholder extends StdSerializer<Secret> {
        private static final long serialVersionUID = 1L;

        SecretPlaceholder() {
            super(Secret.class);
        }

        @Override
        public void serialize(Secret secret, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeEmbeddedObject(secret);
        }
    }
}
