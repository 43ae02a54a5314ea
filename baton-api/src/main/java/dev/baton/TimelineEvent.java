package dev.baton;

import java.time.Instant;

/**
 * An entry of a run's event timeline: created, started, recovered, waiting, signalled,
 * cancel requested, finished.
 *
 * @param at     when
 * @param type   what, e.g. {@code RUN_STARTED}
 * @param detail more, in words
 */
public record TimelineEvent(Instant at, String type, String detail) {
}
