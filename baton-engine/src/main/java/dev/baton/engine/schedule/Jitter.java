package dev.baton.engine.schedule;

import dev.baton.Schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The delay a schedule's {@linkplain Schedule#jitter(Duration) jitter} adds to one fire: a
 * number in [0, jitter) derived from a SHA-256 hash of the workflow name, the schedule id and
 * the fire's logical time. Deterministic, so every worker, and every restart, computes the
 * same fire instant without coordination; never negative, so a fire is never early.
 *
 * <p>The workflow name is part of the hash because schedule ids are unique only per workflow:
 * two workflows with the same default id ({@code 0 2 * * * Europe/Berlin}) must still be spread
 * apart, which is what jitter is for.
 */
public final class Jitter {

    private Jitter() {
    }

    /**
     * @param workflow the name of the workflow the schedule belongs to
     * @param schedule the schedule
     * @param logical  a logical fire time of the schedule
     * @return the delay, in [0, jitter); zero when the schedule has no jitter
     */
    public static Duration delay(String workflow, Schedule schedule, Instant logical) {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(logical, "logical");
        long bound = schedule.jitter().toNanos(); // at most Schedule.MAX_JITTER: fits in a long
        if (bound == 0) {
            return Duration.ZERO;
        }
        String key = workflow + '\u0000' + schedule.id() + '\u0000' + logical.getEpochSecond() + '.' + logical.getNano();
        return Duration.ofNanos(Long.remainderUnsigned(hash(key), bound));
    }

    /**
     * @param workflow the name of the workflow the schedule belongs to
     * @param schedule the schedule
     * @param logical  a logical fire time of the schedule
     * @return when the fire is due: the logical time plus its {@link #delay}
     */
    public static Instant dueAt(String workflow, Schedule schedule, Instant logical) {
        return logical.plus(delay(workflow, schedule, logical));
    }

    private static long hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
