package dev.baton.engine.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.baton.ErrorInfo;
import dev.baton.InvalidInputException;
import dev.baton.PayloadException;
import dev.baton.RecordedFailure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns values into stored JSON and back: step results, run inputs and outputs, signal
 * payloads and errors. Explicit JSON, never Java serialization, so that stored runs survive
 * class changes and can be read by people and tools.
 */
public final class Codec {
    /** Stack traces are stored up to this many characters. */
    private static final int MAX_STACK_CHARS = 32 * 1024;

    private final ObjectMapper mapper;
    private final ObjectReader strictReader;
    private final TypeInference inference;
    /** Types whose values were read back once successfully; checking each type once keeps encode cheap. */
    private final Set<String> verifiedTypes = ConcurrentHashMap.newKeySet();
    private final Map<String, JavaType> parsedTypes = new ConcurrentHashMap<>();
    private final Map<JavaType, ObjectWriter> writers = new ConcurrentHashMap<>();

    /** Creates a codec with Baton's JSON settings. */
    public Codec() {
        // Jackson keeps its buffers per thread by default, which gives each run's new virtual
        // thread fresh ones (about 16 KB of garbage per value); a pool of the codec's own reuses them.
        com.fasterxml.jackson.core.JsonFactory json = com.fasterxml.jackson.core.JsonFactory.builder()
                .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool())
                .build();
        this.mapper = new ObjectMapper(json)
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        // Inputs come from people (CLI, HTTP): a misspelt field is an error, not silently ignored.
        this.strictReader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        this.inference = new TypeInference(mapper.getTypeFactory());
    }

    /** @return the shared mapper (for read models and tools) */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Encodes a value with its inferred type, and proves once per type that it reads back.
     *
     * @param value the value
     * @param what  what the value is, for the error message, e.g. "result of step 'load'"
     * @return the encoding
     * @throws PayloadException when the value cannot be written or read back
     */
    public Encoded encode(Object value, String what) {
        if (value == null) {
            return Encoded.NULL;
        }
        JavaType type;
        String json;
        try {
            type = inference.typeOf(value);
            json = writers.computeIfAbsent(type, mapper::writerFor).writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PayloadException("the " + what + " of type " + value.getClass().getName()
                    + " cannot be stored as JSON: " + firstLine(e.getMessage())
                    + ". Return a record, a collection or another type Jackson can serialize.", e);
        }
        String canonical = type.toCanonical();
        if (!verifiedTypes.contains(canonical)) {
            try {
                mapper.readValue(json, typeOf(canonical));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new PayloadException("the " + what + " of type " + canonical
                        + " is written as JSON but cannot be read back: " + firstLine(e.getMessage())
                        + ". Give the type a public constructor Jackson can use (a record works).", e);
            }
            verifiedTypes.add(canonical);
        }
        return new Encoded(json, canonical);
    }

    /**
     * Reads a stored value back into its recorded type.
     *
     * @param json the JSON
     * @param type the canonical type, or null for null
     * @param what what it is, for the error message
     * @return the value
     */
    public Object decode(String json, String type, String what) {
        if (type == null || json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, typeOf(type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PayloadException("the recorded " + what + " cannot be read back as " + type + ": "
                    + firstLine(e.getMessage()) + ". Did the type change incompatibly while runs were in flight?", e);
        }
    }

    /**
     * Parses a stored canonical type. The parser yields plain types; rebuilding them through the
     * type factory applies the modules' type modifiers (so that {@code Optional<X>} is a reference
     * type again).
     */
    private JavaType typeOf(String canonical) {
        return parsedTypes.computeIfAbsent(canonical,
                text -> rebuild(mapper.getTypeFactory().constructFromCanonical(text)));
    }

    private JavaType rebuild(JavaType parsed) {
        if (parsed.isArrayType()) {
            return mapper.getTypeFactory().constructArrayType(rebuild(parsed.getContentType()));
        }
        List<JavaType> parameters = parsed.getBindings().getTypeParameters();
        if (parameters.isEmpty()) {
            return mapper.getTypeFactory().constructType(parsed.getRawClass());
        }
        JavaType[] rebuilt = parameters.stream().map(this::rebuild).toArray(JavaType[]::new);
        return mapper.getTypeFactory().constructParametricType(parsed.getRawClass(), rebuilt);
    }

    /**
     * Reads JSON into a declared type, for payloads whose type the caller knows (signals).
     *
     * @param json the JSON
     * @param type the type
     * @param what what it is, for messages
     * @return the value
     */
    public Object decodeAs(String json, Type type, String what) {
        try {
            return mapper.readValue(json == null ? "null" : json, mapper.getTypeFactory().constructType(type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PayloadException("the " + what + " does not fit " + type.getTypeName() + ": "
                    + describeParseError(e), e);
        }
    }

    /**
     * Validates and normalises a workflow's input.
     *
     * @param json      the input JSON from a person or a program; null or blank means null
     * @param inputType the workflow's input type
     * @param workflow  the workflow's name, for messages
     * @return the normalised JSON
     * @throws InvalidInputException naming the field that does not fit
     */
    public String normalizeInput(String json, Type inputType, String workflow) {
        String text = json == null || json.isBlank() ? "null" : json;
        JavaType type = mapper.getTypeFactory().constructType(inputType);
        try {
            Object value = strictReader.forType(type).readValue(text);
            return mapper.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException("input for workflow " + workflow + " does not fit "
                    + inputType.getTypeName() + ": " + describeParseError(e), e);
        }
    }

    /**
     * Converts an input object (the right type, or a map, or anything JSON-shaped) to the
     * workflow's input JSON, validating it.
     *
     * @param input     the input
     * @param inputType the workflow's input type
     * @param workflow  the workflow's name
     * @return the normalised JSON
     */
    public String encodeInput(Object input, Type inputType, String workflow) {
        try {
            return normalizeInput(mapper.writeValueAsString(input), inputType, workflow);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("input for workflow " + workflow + " of type "
                    + input.getClass().getName() + " cannot be written as JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Reads a stored input for execution.
     *
     * @param json      the stored JSON
     * @param inputType the workflow's input type
     * @param workflow  the workflow's name
     * @return the input
     */
    public Object decodeInput(String json, Type inputType, String workflow) {
        try {
            return mapper.readValue(json == null ? "null" : json, mapper.getTypeFactory().constructType(inputType));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException("stored input of workflow " + workflow + " does not fit "
                    + inputType.getTypeName() + ": " + describeParseError(e), e);
        }
    }

    /**
     * Writes any value as JSON (signal payloads, read models).
     *
     * @param value the value
     * @param what  what it is, for messages
     * @return the JSON
     */
    public String toJson(Object value, String what) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PayloadException("the " + what + " of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Checks that text is well-formed JSON.
     *
     * @param json the text; null or blank means null
     * @param what what it is, for messages
     * @return the normalised JSON
     * @throws InvalidInputException when malformed
     */
    public String parseJson(String json, String what) {
        String text = json == null || json.isBlank() ? "null" : json;
        try {
            JsonNode node = mapper.readTree(text);
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the " + what + " is not valid JSON: " + describeParseError(e), e);
        }
    }

    /**
     * Records an exception.
     *
     * @param failure the exception
     * @return its type, message, stack trace and type hierarchy
     */
    public ErrorInfo errorInfo(Throwable failure) {
        if (failure instanceof RecordedFailure recorded) {
            return new ErrorInfo(recorded.type(), messageOf(recorded), recorded.recordedStackTrace(), List.of(recorded.type()));
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        if (text.length() > MAX_STACK_CHARS) {
            text = text.substring(0, MAX_STACK_CHARS) + "\n\t... (stack trace truncated at " + MAX_STACK_CHARS + " characters)";
        }
        List<String> hierarchy = new ArrayList<>();
        for (Class<?> c = failure.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(c.getName());
        }
        return new ErrorInfo(failure.getClass().getName(), failure.getMessage(), text, hierarchy);
    }

    private static String messageOf(RecordedFailure recorded) {
        String message = recorded.getMessage();
        String prefix = recorded.type() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : null;
    }

    /** @param error an error @return it as JSON */
    public String errorJson(ErrorInfo error) {
        return toJson(error, "error");
    }

    /** @param json stored error JSON, or null @return the error, or null */
    public ErrorInfo parseError(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, ErrorInfo.class);
        } catch (JsonProcessingException e) {
            return new ErrorInfo("unknown", json, "", List.of());
        }
    }

    private static String describeParseError(Exception e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + at(unknown)
                    + "; known fields: " + unknown.getKnownPropertyIds();
        }
        if (e instanceof InvalidFormatException format) {
            return "field '" + path(format) + "' cannot take the value " + format.getValue() + " (expected "
                    + format.getTargetType().getSimpleName() + ")" + at(format);
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "field '" + path(mismatch) + "' has the wrong type or is missing (expected "
                    + (mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName())
                    + ")" + at(mismatch) + ": " + firstLine(mismatch.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return firstLine(json.getOriginalMessage()) + at(json);
        }
        return firstLine(e.getMessage());
    }

    private static String path(MismatchedInputException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String at(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
