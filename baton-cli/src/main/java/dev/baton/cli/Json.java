package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.RunInfo;
import dev.baton.StepInfo;

import java.io.UncheckedIOException;

/**
 * The {@code --json} output: one indented JSON document; instants as ISO-8601 strings; stored
 * inputs, outputs and payloads embedded as JSON values rather than as strings of JSON.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** @param value a value @return its JSON document */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param value a value @return it as a JSON tree */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** @param value a value @return its JSON on one line */
    static String compact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param run a run @return it as JSON, with input and output as JSON values */
    static ObjectNode run(RunInfo run) {
        ObjectNode node = MAPPER.valueToTree(run);
        embed(node, "input", run.input());
        embed(node, "output", run.output());
        return node;
    }

    /** @param step a step @return it as JSON, with output as a JSON value */
    static ObjectNode step(StepInfo step) {
        ObjectNode node = MAPPER.valueToTree(step);
        embed(node, "output", step.output());
        return node;
    }

    private static void embed(ObjectNode node, String field, String json) {
        if (json == null) {
            return;
        }
        try {
            node.set(field, MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            node.put(field, json); // not JSON after all: keep the text
        }
    }
}
