package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.RunEvent;
import dev.baton.StartOptions;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Chain latency: "run B once A has succeeded", K times in sequence. The caller starts leg
 * {@code k + 1} as soon as the engine reports leg {@code k} COMPLETED through a
 * {@link dev.baton.RunListener} (the event follows the durable write of the run's result). One
 * hand-over is measured from the end of leg {@code k}'s step body to the start of leg
 * {@code k + 1}'s step body, so it covers: the step's checkpoint, the run's completion, the
 * notification, the next start (a durable write), its pick-up and its first step's dispatch.
 * The same loop measures the latency of a start on an otherwise idle engine: from the call to
 * {@code baton.start} to the start of the leg's step body.
 *
 * <p>A child run ({@code flow.child}) is not used: its parent waits for it, so the parent has not
 * finished when the child starts, which measures something else than handing a finished job on.
 */
final class ChainBench {

    private static final String WORKFLOW = "BenchRelay";
    private static final Duration LEG_TIMEOUT = Duration.ofMinutes(1);

    private ChainBench() {
    }

    /**
     * @param handOver from the end of one leg's step to the start of the next leg's step
     * @param start    from the call that starts a leg to the start of its step, one start at a time
     */
    record Result(Latencies handOver, Latencies start) {
    }

    static Result run(Path file, String synchronous, int handOvers) throws InterruptedException {
        int legs = handOvers + 1;
        long[] called = new long[legs];
        AtomicLongArray began = new AtomicLongArray(legs);
        AtomicLongArray ended = new AtomicLongArray(legs);
        BlockingQueue<RunEvent> finished = new LinkedBlockingQueue<>();

        try (Baton baton = Baton.builder()
                .store(EngineBench.store(file, synchronous))
                .workflow(WorkflowDefinition.of(new BenchRelay(began, ended)).withName(WORKFLOW))
                .listener(event -> {
                    if (WORKFLOW.equals(event.workflow()) && (event.type() == RunEvent.Type.RUN_COMPLETED
                            || event.type() == RunEvent.Type.RUN_FAILED || event.type() == RunEvent.Type.RUN_CANCELLED)) {
                        finished.add(event);
                    }
                })
                .build()) {
            baton.start();

            for (int k = 0; k < legs; k++) {
                called[k] = System.nanoTime();
                baton.start(WORKFLOW, new BenchRelay.Leg(k), StartOptions.runId("relay-" + k));
                RunEvent event = finished.poll(LEG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new IllegalStateException("leg relay-" + k + " had not finished after " + LEG_TIMEOUT);
                }
                if (event.type() != RunEvent.Type.RUN_COMPLETED || !event.runId().equals("relay-" + k)) {
                    throw new IllegalStateException("leg relay-" + k + " did not complete: " + event);
                }
            }
        }

        long[] latencies = new long[handOvers];
        long[] starts = new long[legs];
        for (int k = 0; k < handOvers; k++) {
            latencies[k] = began.get(k + 1) - ended.get(k);
        }
        for (int k = 0; k < legs; k++) {
            starts[k] = began.get(k) - called[k];
        }
        return new Result(new Latencies(latencies), new Latencies(starts));
    }
}
