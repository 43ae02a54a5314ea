package dev.baton.replay;

import dev.baton.RunStatus;
import dev.baton.StoreConfig;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryExportTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private static Write run(String id, long createdAt, RunStatus status) {
        return new Write.CreateRun(new RunRow(id, "load", status, "{}", null, null, null, null, null, 0, null, 0,
                null, null, false, createdAt, null, null, createdAt));
    }

    @Test
    void everyMatchingRunIsExportedOnceAcrossPagesEvenWhenAPageIsOneMillisecond() {
        try (Store store = HistoryExport.open(StoreConfig.sqlite(dir.resolve("b.db")))) {
            List<Write> writes = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                writes.add(run("same-ms-" + i, T0 + 10, RunStatus.WAITING));
            }
            for (int i = 0; i < 5; i++) {
                writes.add(run("spread-" + i, T0 + i, RunStatus.PENDING));
            }
            writes.add(run("finished", T0 + 3, RunStatus.COMPLETED));
            store.apply(writes);

            List<RunHistory> histories = new HistoryExport(store, 3).histories(null, Set.of());

            assertThat(histories).extracting(RunHistory::runId).doesNotHaveDuplicates().hasSize(12)
                    .doesNotContain("finished");
            assertThat(new HistoryExport(store, 3).histories("other", Set.of())).isEmpty();
            assertThat(new HistoryExport(store, 2).histories("load", Set.of(RunStatus.COMPLETED)))
                    .extracting(RunHistory::runId).containsExactly("finished");
        }
    }
}
