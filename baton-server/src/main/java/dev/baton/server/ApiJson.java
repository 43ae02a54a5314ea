package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.RunInfo;
import dev.baton.StepInfo;

/**
 * The API's JSON shapes for the engine's read models: each record as a whole (new fields appear by
 * themselves), with a run's stored input and output and a step's output embedded as JSON values
 * rather than as strings holding JSON.
 */
final class ApiJson {
    private final ObjectMapper json;

    ApiJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode run(RunInfo run) {
        ObjectNode node = json.valueToTree(run);
        embed(node, "input", run.input());
        embed(node, "output", run.output());
        return node;
    }

    ObjectNode step(StepInfo step) {
        ObjectNode node = json.valueToTree(step);
        embed(node, "output", step.output());
        return node;
    }

    private void embed(ObjectNode node, String field, String text) {
        if (text == null) {
            return;
        }
        try {
            node.set(field, json.readTree(text));
        } catch (JsonProcessingException e) {
            node.put(field, text); // stored as text that is not JSON: keep it as it is
        }
    }
}
