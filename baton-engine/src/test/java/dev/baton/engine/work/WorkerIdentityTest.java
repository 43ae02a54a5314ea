package dev.baton.engine.work;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerIdentityTest {
    @Test
    void twoEnginesOfOneProcessHaveDistinctIdsAndSeeEachOtherAlive() {
        WorkerIdentity first = WorkerIdentity.current();
        WorkerIdentity second = WorkerIdentity.current();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.isDeadLocalWorker(second.id())).isFalse();
        assertThat(second.isDeadLocalWorker(first.id())).isFalse();
    }

    @Test
    void aWorkerWhoseProcessEndedIsDeadAndOneOnAnotherHostIsNotJudged() throws IOException, InterruptedException {
        WorkerIdentity self = WorkerIdentity.current();
        Process child = new ProcessBuilder("true").start();
        long start = child.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        long pid = child.pid();
        child.waitFor();
        assertThat(self.isDeadLocalWorker(self.host() + "/" + pid + "/" + start)).isTrue();
        assertThat(self.isDeadLocalWorker("elsewhere/" + pid + "/" + start)).isFalse();
        assertThat(self.isDeadLocalWorker("not-a-worker-id")).isFalse();
        // A live pid whose process started at another time is a reused pid: the worker is dead.
        assertThat(self.isDeadLocalWorker(self.host() + "/" + ProcessHandle.current().pid() + "/" + (self.start() - 60_000))).isTrue();
    }
}
