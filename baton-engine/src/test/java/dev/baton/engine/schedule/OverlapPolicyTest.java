package dev.baton.engine.schedule;

import dev.baton.Overlap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OverlapPolicyTest {

    private static final Instant HELD = Instant.parse("2026-05-04T09:00:00Z");
    private static final Instant FIRE = Instant.parse("2026-05-04T10:00:00Z");
    private static final ScheduleRunState IDLE = ScheduleRunState.idle();
    private static final ScheduleRunState RUNNING = ScheduleRunState.running("R");
    private static final ScheduleRunState HOLDING = ScheduleRunState.running("R").withBuffered(HELD);

    static Stream<Arguments> everyPolicyInEveryState() {
        return Stream.of(
                arguments(Overlap.SKIP, IDLE, new OverlapDecision.Start("no previous run running")),
                arguments(Overlap.SKIP, RUNNING, new OverlapDecision.Skip("previous run R still running; overlap SKIP")),
                arguments(Overlap.SKIP, HOLDING, new OverlapDecision.Skip("previous run R still running; overlap SKIP")),

                arguments(Overlap.BUFFER_ONE, IDLE, new OverlapDecision.Start("no previous run running")),
                arguments(Overlap.BUFFER_ONE, RUNNING, new OverlapDecision.Buffer(FIRE, Optional.empty(),
                        "previous run R still running; overlap BUFFER_ONE holds this fire until it ends")),
                arguments(Overlap.BUFFER_ONE, HOLDING, new OverlapDecision.Buffer(FIRE, Optional.of(HELD),
                        "previous run R still running; overlap BUFFER_ONE holds this fire until it ends,"
                                + " replacing held fire 2026-05-04T09:00:00Z (skipped)")),

                arguments(Overlap.ALLOW_ALL, IDLE, new OverlapDecision.Start("no previous run running")),
                arguments(Overlap.ALLOW_ALL, RUNNING, new OverlapDecision.Start(
                        "previous run R still running; overlap ALLOW_ALL starts another run beside it")),
                arguments(Overlap.ALLOW_ALL, HOLDING, new OverlapDecision.Start(
                        "previous run R still running; overlap ALLOW_ALL starts another run beside it")),

                arguments(Overlap.CANCEL_PREVIOUS, IDLE, new OverlapDecision.Start("no previous run running")),
                arguments(Overlap.CANCEL_PREVIOUS, RUNNING, new OverlapDecision.CancelPreviousAndStart(List.of("R"),
                        Optional.empty(), "previous run R still running; overlap CANCEL_PREVIOUS cancels it and starts this fire")),
                arguments(Overlap.CANCEL_PREVIOUS, HOLDING, new OverlapDecision.CancelPreviousAndStart(List.of("R"),
                        Optional.of(HELD), "previous run R still running; overlap CANCEL_PREVIOUS cancels it and starts"
                                + " this fire; held fire 2026-05-04T09:00:00Z dropped")));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyPolicyInEveryState")
    void decidesByPolicyAndState(Overlap policy, ScheduleRunState state, OverlapDecision expected) {
        assertThat(OverlapPolicy.decide(policy, state, FIRE)).isEqualTo(expected);
    }

    @Test
    void bufferOneKeepsTheLaterOfTwoFiresWhenAnOlderOneArrivesLate() {
        ScheduleRunState holdingLater = ScheduleRunState.running("R").withBuffered(FIRE);
        assertThat(OverlapPolicy.decide(Overlap.BUFFER_ONE, holdingLater, HELD)).isEqualTo(new OverlapDecision.Skip(
                "previous run R still running; overlap BUFFER_ONE already holds the later fire 2026-05-04T10:00:00Z"));
    }

    @Test
    void everyRunningRunIsNamedAndCancelled() {
        ScheduleRunState two = ScheduleRunState.running("R1", "R2");
        assertThat(OverlapPolicy.decide(Overlap.SKIP, two, FIRE).reason())
                .isEqualTo("previous runs R1, R2 still running; overlap SKIP");
        assertThat(OverlapPolicy.decide(Overlap.CANCEL_PREVIOUS, two, FIRE))
                .isInstanceOfSatisfying(OverlapDecision.CancelPreviousAndStart.class,
                        cancel -> assertThat(cancel.cancel()).containsExactly("R1", "R2"));
    }

    @Test
    void aHeldFireWithoutARunningRunIsRejected() {
        assertThatThrownBy(() -> ScheduleRunState.idle().withBuffered(HELD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffered fire 2026-05-04T09:00:00Z must come with a running run");
    }
}
