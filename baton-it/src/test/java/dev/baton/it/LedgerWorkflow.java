package dev.baton.it;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A workflow whose steps write every execution to a side-effect ledger file, so that a test can
 * prove which steps executed how often across a crash. In a process started with
 * {@code -Dbaton.crash.slow=true}, step {@code slowStep} blocks for a minute (long enough to be
 * killed in the middle of it).
 */
public final class LedgerWorkflow implements Workflow<LedgerWorkflow.Job, Integer> {
    /**
     * @param steps    how many steps
     * @param slowStep the step that blocks in a crashing process, or 0
     * @param maxPause the most milliseconds an ordinary step takes
     */
    public record Job(int steps, int slowStep, int maxPause) {
    }

    private final Path ledger;

    public LedgerWorkflow(Path ledger) {
        this.ledger = ledger;
    }

    @Override
    public Integer run(Flow flow, Job job) {
        int sum = 0;
        for (int i = 1; i <= job.steps(); i++) {
            int step = i;
            sum += flow.step("s" + step, () -> {
                append(flow.runId() + " s" + step + " start");
                if (step == job.slowStep() && Boolean.getBoolean("baton.crash.slow")) {
                    Thread.sleep(60_000);
                } else if (job.maxPause() > 0) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(job.maxPause() + 1));
                }
                append(flow.runId() + " s" + step + " end");
                return step;
            });
        }
        return sum;
    }

    private void append(String line) throws IOException {
        // One write per line in append mode: lines from many threads never interleave.
        Files.write(ledger, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
