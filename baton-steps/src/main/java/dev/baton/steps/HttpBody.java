package dev.baton.steps;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of an HTTP step's request. */
sealed interface HttpBody {

    /** @return the default {@code Content-Type} */
    String contentType();

    /**
     * A text, possibly a secret.
     *
     * @param text        the text
     * @param contentType its content type
     */
    record Text(Value text, String contentType) implements HttpBody {
    }

    /**
     * Bytes.
     *
     * @param bytes       the bytes, never modified
     * @param contentType their content type
     */
    record Bytes(byte[] bytes, String contentType) implements HttpBody {
    }

    /**
     * JSON, secrets kept as placeholders until execution.
     *
     * @param tree the snapshot
     */
    record Json(JsonNode tree) implements HttpBody {
        @Override
        public String contentType() {
            return "application/json";
        }
    }
}
