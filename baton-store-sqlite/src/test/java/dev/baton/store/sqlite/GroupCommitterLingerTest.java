package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.engine.store.WorkerRow;
import dev.baton.engine.store.Write;
import dev.baton.engine.write.GroupCommitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer holds back writes nobody waits for (a step's start, a timeline entry) for a write
 * somebody waits for, so that both commit together; it never holds back a waited-for write, and
 * closing it applies what it was holding back.
 */
class GroupCommitterLingerTest {
    /** Longer than any test: a write still held back when asserted on was held back, not slow. */
    private static final Duration FOREVER = Duration.ofDays(1);

    @TempDir
    Path dir;

    private static Write worker(String id) {
        return new Write.UpsertWorker(new WorkerRow(id, "host", 1, 0, 0));
    }

    private static List<String> workerIds(SqliteStore store) {
        return store.workers().stream().map(WorkerRow::id).toList();
    }

    @Test
    void aRecordedWriteCommitsInTheSameBatchAsTheNextWaitedForWrite() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(dir.resolve("a.db")))) {
            GroupCommitter writer = new GroupCommitter(store, null, observer(batches), FOREVER);
            try {
                writer.record(null, worker("recorded"));
                writer.submit(worker("awaited")).get(1, TimeUnit.MINUTES);
                assertThat(batches).containsExactly(2);
                assertThat(workerIds(store)).containsExactlyInAnyOrder("recorded", "awaited");
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void aWaitedForWriteIsNeverHeldBack() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(dir.resolve("b.db")))) {
            GroupCommitter writer = new GroupCommitter(store, null, observer(batches), FOREVER);
            try {
                // Held back for a day if it were: the hang guard below is far shorter.
                writer.submit(worker("alone")).get(1, TimeUnit.MINUTES);
                assertThat(workerIds(store)).containsExactly("alone");
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void closingAppliesTheWritesBeingHeldBack() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(dir.resolve("c.db")))) {
            GroupCommitter writer = new GroupCommitter(store, null, observer(batches), FOREVER);
            writer.record(null, worker("one"), worker("two"));
            writer.close();
            assertThat(batches).containsExactly(2);
            assertThat(workerIds(store)).containsExactlyInAnyOrder("one", "two");
            assertThat(writer.idle()).isTrue();
        }
    }

    private static GroupCommitter.BatchObserver observer(List<Integer> batches) {
        return new GroupCommitter.BatchObserver() {
            @Override
            public void committed(int writes, long nanos) {
                batches.add(writes);
            }

            @Override
            public void failed() {
            }
        };
    }
}
