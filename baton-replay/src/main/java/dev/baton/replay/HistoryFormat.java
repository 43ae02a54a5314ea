package dev.baton.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.history.HistoryLines;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The histories file: JSON Lines, one run per line, as {@code baton export} and the server's
 * {@code GET /api/histories} write it and {@code baton replay-check} and {@code baton plan} read
 * it. Lines are written by the engine's {@link HistoryLines} (the one writer of the format, which
 * the server reaches through the engine); this class reads them. Each line is an object:
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
 * field is absent when nothing was stored, and JSON {@code null} when {@code null} was. Times are
 * epoch milliseconds. {@code format} is {@value #VERSION}; a reader refuses lines of a newer
 * format, naming the line.
 */
public final class HistoryFormat {
    /** The format written, and the newest one read. */
    public static final int VERSION = HistoryLines.VERSION;

    // The writer's own mapper: numbers are read as written, so a payload read back is the payload stored.
    private static final JsonMapper JSON = HistoryLines.json();

    private HistoryFormat() {
    }

    /**
     * @param history a run's history
     * @return its line, without the line break
     */
    public static String line(RunHistory history) {
        return HistoryLines.line(history.stored());
    }

    /**
     * Reads a histories file.
     *
     * @param file the file
     * @return its runs' histories, in file order
     * @throws HistoryFileException naming the line when a line is cut short, is not a history, is of
     *                              a newer format, or repeats a run
     */
    public static List<RunHistory> read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new HistoryFileException(0, "no histories file at " + file
                    + "; write one with `baton export --status running,waiting > " + file.getFileName() + "`", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the histories file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param in   the lines
     * @param name the file's name, for messages
     * @return the histories, in order
     * @throws IOException when reading fails
     */
    public static List<RunHistory> read(BufferedReader in, String name) throws IOException {
        List<RunHistory> histories = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String text;
        int number = 0;
        while ((text = in.readLine()) != null) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            RunHistory history = parse(text, number, name);
            Integer before = seen.putIfAbsent(history.runId(), number);
            if (before != null) {
                throw new HistoryFileException(number, name + ":" + number + ": run " + history.runId()
                        + " is on line " + before + " already; export each run once");
            }
            histories.add(history);
        }
        return histories;
    }

    private static RunHistory parse(String text, int number, String name) {
        String where = name + ":" + number;
        JsonNode line;
        try {
            line = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HistoryFileException(number, where + ": not a complete JSON object, as when the file was cut "
                    + "short (" + e.getOriginalMessage() + "). Export the histories again, or remove the line", e);
        }
        if (line == null || !line.isObject()) {
            throw new HistoryFileException(number, where + ": not a JSON object; each line of a histories file is "
                    + "one run, as `baton export` writes it");
        }
        JsonNode format = line.get("format");
        if (format == null || !format.canConvertToInt()) {
            throw new HistoryFileException(number, where + ": no \"format\" version; this line was not written by "
                    + "`baton export`");
        }
        if (format.asInt() > VERSION) {
            throw new HistoryFileException(number, where + ": written in history format " + format.asInt()
                    + ", and this Baton reads format " + VERSION + " and older. Check it with the Baton version "
                    + "that exported it, or a newer one");
        }
        if (format.asInt() < 1) {
            throw new HistoryFileException(number, where + ": format " + format.asInt() + " does not exist");
        }
        try {
            Fields run = new Fields(line.get("run"), where, "run");
            String runId = run.text("id", true);
            RunRow row = new RunRow(runId, run.text("workflow", true),
                    run.enumValue("status", RunStatus.class), run.json("input"), run.json("output"),
                    run.text("outputType", false), run.json("error"), run.text("idempotencyKey", false),
                    run.text("parentRunId", false), (int) run.number("parentSeq", 0L), null, 0,
                    run.optionalNumber("wakeAt"), run.text("waitingFor", false), run.bool("cancelRequested"),
                    run.number("createdAt", null), run.optionalNumber("startedAt"), run.optionalNumber("endedAt"),
                    run.number("updatedAt", run.number("createdAt", null)), (int) run.number("priority", 0L),
                    run.optionalNumber("logicalTime"), run.text("codeVersion", false));
            List<StepRow> steps = new ArrayList<>();
            int previous = 0;
            for (Fields step : Fields.array(line, "steps", where)) {
                int seq = (int) step.number("seq", null);
                if (seq <= previous) {
                    throw step.error("seq " + seq + " is not after the previous step's " + previous
                            + "; steps are in sequence order");
                }
                previous = seq;
                steps.add(new StepRow(runId, seq, step.text("name", true), step.enumValue("kind", StepKind.class),
                        step.enumValue("status", StepStatus.class), (int) step.number("attempts", 1L),
                        step.number("startedAt", 0L), step.optionalNumber("endedAt"), step.optionalNumber("wakeAt"),
                        step.json("output"), step.text("outputType", false), step.json("error"),
                        step.text("detail", false)));
            }
            List<AttemptRow> attempts = new ArrayList<>();
            for (Fields attempt : Fields.array(line, "attempts", where)) {
                attempts.add(new AttemptRow(runId, (int) attempt.number("seq", null),
                        (int) attempt.number("attempt", null), attempt.number("startedAt", 0L),
                        attempt.number("endedAt", 0L), attempt.json("error"), attempt.optionalNumber("nextAttemptAt")));
            }
            List<SignalRow> signals = new ArrayList<>();
            for (Fields signal : Fields.array(line, "signals", where)) {
                Long consumed = signal.optionalNumber("consumedSeq");
                String payload = signal.json("payload");
                signals.add(new SignalRow(signal.number("id", 0L), runId, signal.text("name", true),
                        payload == null ? "null" : payload, signal.number("receivedAt", 0L),
                        consumed == null ? null : consumed.intValue()));
            }
            List<RunHistory.ChildRun> children = new ArrayList<>();
            for (Fields child : Fields.array(line, "children", where)) {
                String status = child.text("status", false);
                children.add(new RunHistory.ChildRun((int) child.number("seq", null), child.text("runId", true),
                        child.text("workflow", true), status == null ? null : child.enumValue("status", RunStatus.class)));
            }
            return new RunHistory(row, steps, attempts, signals, children, where);
        } catch (HistoryFileException e) {
            throw new HistoryFileException(number, e.getMessage(), e.getCause());
        }
    }

    /** The fields of one object of a line, with errors that name the line and the field. */
    private record Fields(JsonNode node, String where, String path) {
        Fields {
            if (node == null || !node.isObject()) {
                throw new HistoryFileException(0, where + ": \"" + path + "\" is missing or not an object", null);
            }
        }

        static List<Fields> array(JsonNode line, String field, String where) {
            JsonNode array = line.get(field);
            List<Fields> items = new ArrayList<>();
            if (array == null || array.isNull()) {
                return items;
            }
            if (!array.isArray()) {
                throw new HistoryFileException(0, where + ": \"" + field + "\" is not an array", null);
            }
            for (int i = 0; i < array.size(); i++) {
                items.add(new Fields(array.get(i), where, field + "[" + i + "]"));
            }
            return items;
        }

        HistoryFileException error(String what) {
            return new HistoryFileException(0, where + ": " + path + ": " + what, null);
        }

        String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw error("\"" + field + "\" is missing");
                }
                return null;
            }
            if (!value.isTextual()) {
                throw error("\"" + field + "\" is not a string");
            }
            return value.asText();
        }

        long number(String field, Long fallback) {
            Long value = optionalNumber(field);
            if (value == null) {
                if (fallback == null) {
                    throw error("\"" + field + "\" is missing");
                }
                return fallback;
            }
            return value;
        }

        Long optionalNumber(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error("\"" + field + "\" is not a whole number");
            }
            return value.asLong();
        }

        boolean bool(String field) {
            JsonNode value = node.get(field);
            return value != null && value.asBoolean(false);
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String text = text(field, true);
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw error("\"" + field + "\" is '" + text + "', not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        /** @return the field as JSON text; null when absent; "null" when JSON null */
        String json(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.getNodeType() == JsonNodeType.MISSING) {
                JsonNode text = node.get(field + "Text");
                return text == null ? null : text.asText();
            }
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw error("\"" + field + "\" cannot be written back as JSON");
            }
        }
    }
}
