package dev.baton.examples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * A human approval as a durable signal: build the release notes, wait up to a day for someone
 * to send the signal {@code approve} with {@code true} or {@code false}, then publish or discard.
 *
 * <p>The wait costs nothing while it lasts: a long wait releases the run's thread, and the run
 * resumes by replay when the signal arrives or the day is over. No answer counts as a rejection.
 * A signal sent before the run reaches the wait is kept until it does.
 */
public final class ReleaseApproval implements Workflow<ReleaseApproval.Release, ReleaseApproval.Decision> {

    /**
     * A release awaiting approval.
     *
     * @param version the version to publish
     */
    public record Release(String version) {
    }

    /**
     * What became of it.
     *
     * @param version  the version
     * @param approved whether it was approved and published
     */
    public record Decision(String version, boolean approved) {
    }

    /** The signal that approves ({@code true}) or rejects ({@code false}) a release. */
    public static final String APPROVE_SIGNAL = "approve";
    /** How long an approval is awaited by default: one day. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(1);

    private final Duration timeout;

    /** Waits {@link #DEFAULT_TIMEOUT} for the approval. */
    public ReleaseApproval() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout how long to wait for the approval before discarding the release */
    public ReleaseApproval(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Decision run(Flow flow, Release release) {
        flow.step("build-release-notes", () -> "Release notes for " + release.version());

        boolean approved = flow.awaitSignal(APPROVE_SIGNAL, Boolean.class, timeout).orElse(false);

        if (approved) {
            flow.step("publish", () -> "published " + release.version());
        } else {
            flow.step("discard", () -> "discarded " + release.version());
        }
        return new Decision(release.version(), approved);
    }
}
