package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * A request's JSON body, read with a size cap: a body over the cap is refused with 413 before it
 * is parsed (by its Content-Length when it declares one, else while it is read), so that no
 * client can make the server hold an unbounded body in memory.
 */
final class RequestBody {
    private RequestBody() {
    }

    /**
     * @param ctx      the request
     * @param maxBytes the largest body accepted
     * @return the body as text, empty when there is none
     * @throws ApiException 413 when it is larger than {@code maxBytes}
     */
    static String text(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes", maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = ctx.bodyInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ApiException(400, null, "could not read the request body: " + e.getMessage());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param ctx      the request
     * @param json     the mapper
     * @param maxBytes the largest body accepted
     * @param allowed  the properties the object may have
     * @return the body as a JSON object; an empty object when there is no body
     * @throws ApiException 400 when it is not a JSON object or has an unknown property, naming it
     */
    static ObjectNode object(Context ctx, ObjectMapper json, long maxBytes, Set<String> allowed) {
        String text = text(ctx, maxBytes);
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("body", "the request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badField("body", "the request body must be a JSON object, was " + node.getNodeType());
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badField(name, "unknown property '" + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return object;
    }

    /** @return the text of a string property, null when absent or null; 400 naming it when not a string */
    static String string(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badField(field, "'" + field + "' must be a string, was " + node.getNodeType());
        }
        return node.asText();
    }

    /** @return a required string property; 400 naming it when missing or blank */
    static String requiredString(ObjectNode body, String field) {
        String value = string(body, field);
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, "'" + field + "' is required");
        }
        return value;
    }

    /** @return an integer property, or {@code fallback} when absent; 400 naming it when not an integer */
    static int integer(ObjectNode body, String field, int fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiException.badField(field, "'" + field + "' must be an integer, was " + node);
        }
        return node.asInt();
    }

    /** @return the JSON text of a property of any type, "null" when absent */
    static String anyJson(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        return (node == null ? NullNode.instance : node).toString();
    }

    private static ApiException tooLarge(String size, long maxBytes) {
        return new ApiException(413, "body", "the request body (" + size + ") is larger than the "
                + maxBytes + " bytes this server accepts; send less, or start the server with a larger --max-body");
    }
}
