package dev.baton;

import java.time.Instant;
import java.util.List;

/**
 * The input of a run started by a fan-in {@link Trigger#afterAll}: the logical time every upstream
 * workflow succeeded for, and which they are.
 *
 * @param logicalTime the shared logical time
 * @param upstream    the upstream workflows
 */
public record FanIn(Instant logicalTime, List<String> upstream) {
}
