package dev.baton.steps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ProcessTreeTest {

    @Test
    void termReachesTheProcessAndEveryDescendant() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 1000 & sleep 1000 & (sleep 1000 & wait) & wait").start();
        Await.until(Duration.ofSeconds(20), "four descendants", () -> root.descendants().count() == 4);
        List<Long> pids = root.descendants().map(ProcessHandle::pid).toList();

        ProcessTree.Outcome outcome = ProcessTree.terminate(root.toHandle(), Duration.ofSeconds(10));

        assertThat(outcome.processes()).isEqualTo(5);
        assertThat(outcome.killed()).isZero();
        assertThat(outcome.survivors()).isEmpty();
        assertThat(root.isAlive()).isFalse();
        Await.until(Duration.ofSeconds(20), "no descendant alive", () -> pids.stream().noneMatch(Await::alive));
    }

    @Test
    void killFollowsTheGracePeriodWhenTermIsIgnored() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 1000 & wait").start();
        Await.until(Duration.ofSeconds(20), "one descendant", () -> root.descendants().count() == 1);
        long child = root.descendants().findFirst().orElseThrow().pid();

        ProcessTree.Outcome outcome = ProcessTree.terminate(root.toHandle(), Duration.ofMillis(300));

        assertThat(outcome.processes()).isEqualTo(2);
        assertThat(outcome.killed()).isEqualTo(2);
        assertThat(outcome.survivors()).isEmpty();
        Await.until(Duration.ofSeconds(20), "the child dead", () -> !Await.alive(child));
    }

    @Test
    void waitsThroughInterruptsAndRestoresTheInterruptStatus() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 1000 & wait").start();
        Await.until(Duration.ofSeconds(20), "one descendant", () -> root.descendants().count() == 1);
        Thread.currentThread().interrupt();

        ProcessTree.Outcome outcome = ProcessTree.terminate(root.toHandle(), Duration.ofSeconds(10));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(outcome.survivors()).isEmpty();
        assertThat(root.isAlive()).isFalse();
    }
}
