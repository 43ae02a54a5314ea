package dev.baton.engine.schedule;

import dev.baton.Overlap;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what a fire does given the schedule's {@link Overlap} policy and what its earlier
 * fires left running:
 * <table>
 *   <caption>Decision by policy and state</caption>
 *   <tr><th>policy</th><th>nothing running</th><th>a run running</th><th>running, a fire held</th></tr>
 *   <tr><td>SKIP</td><td>start</td><td>skip</td><td>skip (the held fire stays)</td></tr>
 *   <tr><td>BUFFER_ONE</td><td>start</td><td>hold</td><td>hold, replacing the held fire</td></tr>
 *   <tr><td>ALLOW_ALL</td><td>start</td><td>start</td><td>start (the held fire stays)</td></tr>
 *   <tr><td>CANCEL_PREVIOUS</td><td>start</td><td>cancel, start</td><td>cancel, drop the held fire, start</td></tr>
 * </table>
 * A held fire under a policy other than BUFFER_ONE is left over from a deploy that changed the
 * policy; it is kept and starts when the running run ends, except under CANCEL_PREVIOUS, whose
 * point is that only the newest fire runs.
 *
 * <p>Pure: the decision depends on its arguments only, so every worker decides alike.
 */
public final class OverlapPolicy {

    private OverlapPolicy() {
    }

    /**
     * @param policy the schedule's overlap policy
     * @param state  the runs the schedule started that still run, and the held fire
     * @param fire   the logical time of the new fire
     * @return what to do with the fire, with the reason for the record
     */
    public static OverlapDecision decide(Overlap policy, ScheduleRunState state, Instant fire) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fire, "fire");
        if (!state.isRunning()) {
            return new OverlapDecision.Start("no previous run running");
        }
        String previous = previous(state);
        Optional<Instant> held = state.buffered();
        return switch (policy) {
            case SKIP -> new OverlapDecision.Skip(previous + "; overlap SKIP");
            case ALLOW_ALL -> new OverlapDecision.Start(previous + "; overlap ALLOW_ALL starts another run beside it");
            case BUFFER_ONE -> buffer(previous, held, fire);
            case CANCEL_PREVIOUS -> new OverlapDecision.CancelPreviousAndStart(state.running(), held,
                    previous + "; overlap CANCEL_PREVIOUS cancels it and starts this fire"
                            + held.map(h -> "; held fire " + h + " dropped").orElse(""));
        };
    }

    private static OverlapDecision buffer(String previous, Optional<Instant> held, Instant fire) {
        if (held.isEmpty()) {
            return new OverlapDecision.Buffer(fire, held, previous + "; overlap BUFFER_ONE holds this fire until it ends");
        }
        // Of two held fires the later one is kept: it stands for the most recent data.
        if (!fire.isAfter(held.get())) {
            return new OverlapDecision.Skip(previous + "; overlap BUFFER_ONE already holds the later fire " + held.get());
        }
        return new OverlapDecision.Buffer(fire, held, previous + "; overlap BUFFER_ONE holds this fire until it ends,"
                + " replacing held fire " + held.get() + " (skipped)");
    }

    private static String previous(ScheduleRunState state) {
        return state.running().size() == 1
                ? "previous run " + state.running().get(0) + " still running"
                : "previous runs " + String.join(", ", state.running()) + " still running";
    }
}
