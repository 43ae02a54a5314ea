package dev.baton;

import java.time.Instant;

/**
 * A line a step logged: a shell command's output, what the step wrote through
 * {@link StepContext#log}, or an SLF4J event logged on the step's thread (captured with Logback).
 *
 * @param id      increasing in arrival order; pass the last one seen to follow a run's log
 * @param seq     the step's sequence number
 * @param attempt the attempt number
 * @param at      when
 * @param stream  where it came from: {@code stdout}, {@code stderr}, {@code log}, an SLF4J level in
 *                lower case ({@code info}, {@code warn}, ...), or {@code baton} for the engine's notes
 *                (the log reached its limit)
 * @param line    the line, secrets masked
 */
public record LogLine(long id, int seq, int attempt, Instant at, String stream, String line) {
}
