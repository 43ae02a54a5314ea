package dev.baton.engine.secrets;

import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.EventRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every secret value that a step resolved with {@value #MASK} in text the engine is
 * about to store or show: checkpoints, errors and stack traces, log lines, timeline entries and
 * progress events. It sits in front of the store, so no write path can forget it. Values shorter
 * than {@value #MIN_LENGTH} characters are not masked: replacing them would garble every text.
 */
public final class SecretMasker {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** The shortest value that is masked. */
    public static final int MIN_LENGTH = 3;

    private volatile String[] values = new String[0];

    /**
     * Registers a resolved value, and its JSON-escaped form, for masking.
     *
     * @param value the secret's value
     */
    public synchronized void register(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return;
        }
        List<String> next = new ArrayList<>(List.of(values));
        for (String form : List.of(value, jsonEscaped(value))) {
            if (!next.contains(form)) {
                next.add(form);
            }
        }
        // Longest first, so that a secret containing another is masked whole.
        next.sort(Comparator.comparingInt(String::length).reversed());
        values = next.toArray(String[]::new);
    }

    /** @return whether any value is registered */
    public boolean active() {
        return values.length > 0;
    }

    /**
     * @param text any text, or null
     * @return the text with every registered value replaced
     */
    public String mask(String text) {
        String[] current = values;
        if (text == null || current.length == 0) {
            return text;
        }
        String masked = text;
        for (String value : current) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }

    /**
     * @param write a write about to be applied
     * @return the same write with every text field masked
     */
    public Write mask(Write write) {
        if (!active()) {
            return write;
        }
        return switch (write) {
            case Write.UpsertStep w -> {
                StepRow s = w.step();
                yield new Write.UpsertStep(new StepRow(s.runId(), s.seq(), s.name(), s.kind(), s.status(), s.attempts(),
                        s.startedAt(), s.endedAt(), s.wakeAt(), mask(s.output()), s.outputType(), mask(s.error()),
                        mask(s.detail())));
            }
            case Write.InsertAttempt w -> {
                AttemptRow a = w.attempt();
                yield new Write.InsertAttempt(new AttemptRow(a.runId(), a.seq(), a.attempt(), a.startedAt(), a.endedAt(),
                        mask(a.error()), a.nextAttemptAt()));
            }
            case Write.FinishRun w -> new Write.FinishRun(w.runId(), w.status(), mask(w.output()), w.outputType(),
                    mask(w.error()), w.at());
            case Write.AppendEvent w -> new Write.AppendEvent(new EventRow(w.event().runId(), w.event().at(),
                    w.event().type(), mask(w.event().detail())));
            case Write.MarkWaiting w -> new Write.MarkWaiting(w.runId(), w.wakeAt(), mask(w.waitingFor()), w.release(), w.at());
            case Write.InsertSignal w -> {
                SignalRow s = w.signal();
                yield new Write.InsertSignal(new SignalRow(s.id(), s.runId(), s.name(), mask(s.payload()), s.receivedAt(),
                        s.consumedSeq()));
            }
            case Write.AppendLog w -> {
                var l = w.line();
                yield new Write.AppendLog(new dev.baton.engine.store.LogRow(l.id(), l.runId(), l.seq(), l.attempt(), l.at(),
                        l.stream(), mask(l.line())));
            }
            default -> write;
        };
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
