package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.engine.store.Claim;
import dev.baton.engine.store.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.baton.engine.store.StoreFixtures.T0;
import static dev.baton.engine.store.StoreFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Two real processes on one file: claims stay atomic across processes. */
class SqliteMultiProcessTest {
    @TempDir
    Path folder;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void twoProcessesClaimingTheSameFileNeverGetTheSameRun() throws Exception {
        Path file = folder.resolve("baton.db");
        int runs = 400;
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(file))) {
            List<Write> creates = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                creates.add(run(String.format("r%04d", i)).createdAt(T0 + i).create());
            }
            store.apply(creates);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ClaimingProcess.class.getName(),
                    file.toString(), "child", Long.toString(T0 + 10_000))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("READY");
                Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                in.write("GO\n");
                in.flush();

                List<String> mine = new ArrayList<>();
                while (true) {
                    @SuppressWarnings("unchecked")
                    List<Claim> claims = (List<Claim>) store.apply(List.of(
                            new Write.ClaimRuns("parent", T0 + 10_000, T0 + 70_000, 3))).get(0);
                    if (claims.isEmpty()) {
                        break;
                    }
                    claims.forEach(c -> mine.add(c.run().id()));
                }
                List<String> theirs = new ArrayList<>();
                String line;
                while ((line = out.readLine()) != null && !line.equals("DONE")) {
                    theirs.add(line.substring("CLAIMED ".length()));
                }
                assertThat(child.waitFor()).isZero();

                Set<String> both = new HashSet<>(mine);
                both.retainAll(theirs);
                assertThat(both).as("runs claimed by both processes").isEmpty();
                assertThat(mine.size() + theirs.size()).isEqualTo(runs);
                assertThat(theirs).as("the child took part").isNotEmpty();
                assertThat(store.findRun("r0000").orElseThrow().owner()).isIn("parent", "child");
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
