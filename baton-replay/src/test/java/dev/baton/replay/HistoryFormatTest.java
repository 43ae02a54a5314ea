package dev.baton.replay;

import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.store.AttemptRow;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.SignalRow;
import dev.baton.engine.store.StepRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryFormatTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private static RunHistory history(String id) {
        RunRow run = new RunRow(id, "order", RunStatus.WAITING, "{\"amount\":12.50,\"big\":123456789012345678901234}",
                null, null, null, "key-" + id, null, 0, null, 0, T0 + 60_000, "signal 'go'", false, T0, T0 + 1, null,
                T0 + 2, 3, T0 - 5, "v1");
        List<StepRow> steps = List.of(
                new StepRow(id, 1, "reserve", StepKind.STEP, StepStatus.COMPLETED, 2, T0 + 1, T0 + 3, null,
                        "null", "java.lang.Object", null, null),
                new StepRow(id, 2, "fetch", StepKind.STEP, StepStatus.COMPLETED, 1, T0 + 4, T0 + 5, null,
                        "[1.0,\"x\",{\"a\":null}]", "java.util.List", null, null),
                new StepRow(id, 3, "go", StepKind.SIGNAL, StepStatus.WAITING, 1, T0 + 6, null, T0 + 60_000,
                        null, null, null, "timeout PT1M"));
        List<AttemptRow> attempts = List.of(new AttemptRow(id, 1, 1, T0 + 1, T0 + 2,
                "{\"type\":\"java.io.IOException\",\"message\":\"down\"}", T0 + 3));
        List<SignalRow> signals = List.of(new SignalRow(9, id, "note", "\"hello\"", T0 + 7, null));
        return new RunHistory(run, steps, attempts, signals,
                List.of(new RunHistory.ChildRun(4, id + ".4", "pack", RunStatus.RUNNING)), null);
    }

    private Path file(String... lines) throws Exception {
        Path file = dir.resolve("histories.jsonl");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    @Test
    void aLineReadsBackToTheSameRowsWithPayloadsExactlyAsStored() throws Exception {
        RunHistory written = history("r1");

        List<RunHistory> read = HistoryFormat.read(file(HistoryFormat.line(written), ""));

        RunHistory back = read.get(0);
        assertThat(back.run()).isEqualTo(written.run());
        assertThat(back.steps()).isEqualTo(written.steps());
        assertThat(back.attempts()).isEqualTo(written.attempts());
        assertThat(back.signals()).isEqualTo(written.signals());
        assertThat(back.children()).isEqualTo(written.children());
        assertThat(HistoryFormat.line(written)).startsWith("{\"format\":1,").contains("\"input\":{\"amount\":12.50");
    }

    @Test
    void aLastLineCutShortIsAnErrorNamingTheLine() throws Exception {
        String whole = HistoryFormat.line(history("r1"));
        String cut = HistoryFormat.line(history("r2"));
        Path file = file(whole, cut.substring(0, cut.length() / 2));

        assertThatThrownBy(() -> HistoryFormat.read(file)).isInstanceOf(HistoryFileException.class)
                .hasMessageContaining(file + ":2").hasMessageContaining("cut short")
                .extracting(e -> ((HistoryFileException) e).line()).isEqualTo(2);
    }

    @Test
    void aLineOfANewerFormatIsRefusedNamingTheLineAndTheFormats() throws Exception {
        String newer = HistoryFormat.line(history("r2")).replace("{\"format\":1,", "{\"format\":2,");
        Path file = file(HistoryFormat.line(history("r1")), newer);

        assertThatThrownBy(() -> HistoryFormat.read(file)).isInstanceOf(HistoryFileException.class)
                .hasMessageContaining(file + ":2").hasMessageContaining("format 2")
                .hasMessageContaining("reads format 1");
    }

    @Test
    void aLineWithoutAFormatOrARunIdIsRefused() throws Exception {
        assertThatThrownBy(() -> HistoryFormat.read(file("{\"run\":{}}")))
                .hasMessageContaining(":1").hasMessageContaining("no \"format\"");
        assertThatThrownBy(() -> HistoryFormat.read(file("{\"format\":1,\"run\":{\"workflow\":\"x\"}}")))
                .hasMessageContaining(":1").hasMessageContaining("\"id\" is missing");
        assertThatThrownBy(() -> HistoryFormat.read(file(HistoryFormat.line(history("r1")).replace("\"COMPLETED\"", "\"DONE\""))))
                .hasMessageContaining("steps[0]").hasMessageContaining("'DONE'");
    }

    @Test
    void aRunExportedTwiceIsRefused() throws Exception {
        String line = HistoryFormat.line(history("r1"));

        assertThatThrownBy(() -> HistoryFormat.read(file(line, line)))
                .hasMessageContaining(":2").hasMessageContaining("run r1 is on line 1 already");
    }

    @Test
    void aMissingFileSaysHowToWriteOne() {
        assertThatThrownBy(() -> HistoryFormat.read(dir.resolve("none.jsonl")))
                .hasMessageContaining("no histories file").hasMessageContaining("baton export");
    }
}
