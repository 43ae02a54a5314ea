package dev.baton.engine.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Manifest}: keys sorted at every level, absent values left out, lists
 * in the manifest's own sorted order. The same declarations give the same bytes, so a manifest
 * can be compared, hashed and reviewed as text.
 *
 * <pre>{@code
 * {
 *   "codeVersion" : "3f2a9c1",
 *   "format" : 1,
 *   "hash" : "sha256:…",
 *   "locks" : [ { "name" : "heavy", "policy" : "WAIT", "slots" : 1 } ],
 *   "workflows" : [ { "name" : "NightlyLoad", "schedules" : [ … ], … } ]
 * }
 * }</pre>
 *
 * The hash is the SHA-256 of the compact canonical JSON of {@code format}, {@code workflows} and
 * {@code locks}; it is written for people and recomputed on reading.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestJson() {
    }

    /** @param manifest a manifest @return its canonical JSON, indented, with its hash */
    public static String write(Manifest manifest) {
        ObjectNode tree = canonical(manifest);
        tree.put("hash", hash(manifest));
        try {
            return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sort(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always has a JSON form", e);
        }
    }

    /** @param manifest a manifest @return its canonical JSON, as a tree with its hash */
    public static JsonNode tree(Manifest manifest) {
        ObjectNode tree = canonical(manifest);
        tree.put("hash", hash(manifest));
        return sort(tree);
    }

    /**
     * Reads a manifest written by {@link #write}.
     *
     * @param json the JSON
     * @return the manifest
     * @throws ManifestFormatException when it is not a manifest, or one of a newer format
     */
    public static Manifest read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestFormatException("not a Baton manifest: its JSON is malformed ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject() || !tree.path("format").isInt()) {
            throw new ManifestFormatException("not a Baton manifest: it has no integer field 'format'", null);
        }
        int format = tree.get("format").intValue();
        if (format > Manifest.FORMAT) {
            throw new ManifestFormatException("the manifest was written by a newer Baton: its format is " + format
                    + " and this Baton reads formats up to " + Manifest.FORMAT + ". Upgrade Baton to the version"
                    + " that wrote it (or newer); nothing was changed", null);
        }
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ManifestFormatException("not a valid Baton manifest of format " + format + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** @param manifest a manifest @return {@code sha256:HEX} of its declarations' canonical JSON */
    static String hash(Manifest manifest) {
        ObjectNode tree = canonical(manifest);
        tree.remove("codeVersion");
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(sort(tree));
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always has a JSON form", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static ObjectNode canonical(Manifest manifest) {
        return MAPPER.valueToTree(manifest);
    }

    /** Sorts the keys of every object, so that the bytes do not depend on how fields are ordered in code. */
    private static JsonNode sort(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                sorted.set(field.getKey(), sort(field.getValue()));
            }
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode sorted = MAPPER.createArrayNode();
            array.forEach(element -> sorted.add(sort(element)));
            return sorted;
        }
        return node;
    }
}
