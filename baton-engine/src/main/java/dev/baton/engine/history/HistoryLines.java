package dev.baton.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;

/**
 * Writes the histories file: JSON Lines, one run per line, as {@code baton export} and the
 * server's {@code GET /api/histories} write it and {@code baton replay-check} and
 * {@code baton plan} read it (the reading half is {@code dev.baton.replay.HistoryFormat}, next to
 * the replay that consumes it). Each line is an object:
 *
 * <pre>{@code
 * {"format":1,
 *  "run":{"id":..,"workflow":..,"status":"WAITING","codeVersion":..,"input":{..},"createdAt":<epoch ms>,..},
 *  "steps":[{"seq":1,"name":"reserve","kind":"STEP","status":"COMPLETED","attempts":1,"output":..,..},..],
 *  "attempts":[{"seq":2,"attempt":1,"error":{..},"nextAttemptAt":..},..],
 *  "signals":[{"id":7,"name":"approve","payload":true,"receivedAt":..,"consumedSeq":3},..],
 *  "children":[{"seq":4,"runId":..,"workflow":..,"status":"RUNNING"},..]}
 * }</pre>
 *
 * <p>Payloads (input, outputs, errors, signal payloads) are embedded as JSON, exactly as stored: a
 * field is absent when nothing was stored, and JSON {@code null} when {@code null} was. Stored
 * text that is not JSON (it should not happen) is kept as a string in {@code <field>Text}. Times
 * are epoch milliseconds. {@code format} is {@value #VERSION}.
 */
public final class HistoryLines {
    /** The format written. */
    public static final int VERSION = 1;
    /** The media type of a histories file served over HTTP. */
    public static final String MEDIA_TYPE = "application/x-ndjson";

    // Numbers are kept as written (no rounding of decimals, trailing zeros kept), so that a payload
    // read back is the payload stored.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private HistoryLines() {
    }

    /** @return the JSON mapper that writes the lines, and must read them back (numbers kept as written) */
    public static JsonMapper json() {
        return JSON;
    }

    /**
     * @param history a run's history
     * @return its line, without the line break
     */
    public static String line(StoredHistory history) {
        ObjectNode line = JSON.createObjectNode();
        line.put("format", VERSION);
        RunRow r = history.run();
        ObjectNode run = line.putObject("run");
        run.put("id", r.id());
        run.put("workflow", r.workflow());
        run.put("status", r.status().name());
        putText(run, "codeVersion", r.codeVersion());
        putJson(run, "input", r.input());
        putText(run, "idempotencyKey", r.idempotencyKey());
        putText(run, "parentRunId", r.parentRunId());
        if (r.parentRunId() != null) {
            run.put("parentSeq", r.parentSeq());
        }
        run.put("priority", r.priority());
        run.put("cancelRequested", r.cancelRequested());
        run.put("createdAt", r.createdAt());
        putNumber(run, "startedAt", r.startedAt());
        putNumber(run, "endedAt", r.endedAt());
        run.put("updatedAt", r.updatedAt());
        putNumber(run, "logicalTime", r.logicalTime());
        putNumber(run, "wakeAt", r.wakeAt());
        putText(run, "waitingFor", r.waitingFor());
        putJson(run, "output", r.output());
        putText(run, "outputType", r.outputType());
        putJson(run, "error", r.error());
        var steps = line.putArray("steps");
        for (StepRow s : history.steps()) {
            ObjectNode step = steps.addObject();
            step.put("seq", s.seq());
            step.put("name", s.name());
            step.put("kind", s.kind().name());
            step.put("status", s.status().name());
            step.put("attempts", s.attempts());
            step.put("startedAt", s.startedAt());
            putNumber(step, "endedAt", s.endedAt());
            putNumber(step, "wakeAt", s.wakeAt());
            putJson(step, "output", s.output());
            putText(step, "outputType", s.outputType());
            putJson(step, "error", s.error());
            putText(step, "detail", s.detail());
        }
        var attempts = line.putArray("attempts");
        for (AttemptRow a : history.attempts()) {
            ObjectNode attempt = attempts.addObject();
            attempt.put("seq", a.seq());
            attempt.put("attempt", a.attempt());
            attempt.put("startedAt", a.startedAt());
            attempt.put("endedAt", a.endedAt());
            putJson(attempt, "error", a.error());
            putNumber(attempt, "nextAttemptAt", a.nextAttemptAt());
        }
        var signals = line.putArray("signals");
        for (SignalRow g : history.signals()) {
            ObjectNode signal = signals.addObject();
            signal.put("id", g.id());
            signal.put("name", g.name());
            putJson(signal, "payload", g.payload());
            signal.put("receivedAt", g.receivedAt());
            if (g.consumedSeq() != null) {
                signal.put("consumedSeq", g.consumedSeq());
            }
        }
        var children = line.putArray("children");
        for (StoredHistory.Child c : history.children()) {
            ObjectNode child = children.addObject();
            child.put("seq", c.seq());
            child.put("runId", c.runId());
            child.put("workflow", c.workflow());
            putText(child, "status", c.status() == null ? null : c.status().name());
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history of run " + r.id() + " could not be written as JSON", e);
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putNumber(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** Embeds stored JSON as JSON; stored text that is not JSON (it should not happen) is kept as a string. */
    private static void putJson(ObjectNode node, String field, String json) {
        if (json == null) {
            return;
        }
        try {
            node.set(field, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            node.put(field + "Text", json);
        }
    }
}
