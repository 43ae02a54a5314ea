package dev.baton.steps;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings are validated when made, and every setting returns a copy. */
class ShellStepSettingsTest {

    @Test
    void showsTheCommandAsTypedWithSecretsByName() {
        ShellStep step = Shell.command("python3", "extract.py", "--day", LocalDate.of(2026, 1, 15), "two words",
                Secret.named("PW").formatted("--password=%s"), Path.of("out dir/x.csv"));

        assertThat(step.display()).isEqualTo(
                "python3 extract.py --day 2026-01-15 'two words' --password=<secret:PW> 'out dir/x.csv'");
        assertThat(step).hasToString("ShellStep[" + step.display() + "]");
        assertThat(Shell.script("echo 'hi'; exit 3", 1).display()).isEqualTo("/bin/sh -c 'echo '\\''hi'\\''; exit 3' sh 1");
        assertThat(Shell.script("#!/bin/sh\n# Exports one day\nset -eu\nexit 3\n", "2026-01-15").display())
                .isEqualTo("/bin/sh -c '# Exports one day [4 lines]' sh 2026-01-15");
        assertThat(Shell.script("x".repeat(1000), "arg").display()).isEqualTo("/bin/sh -c '" + "x".repeat(79) + "…' sh arg");
        assertThat(Shell.command("echo", "y".repeat(1000)).display()).hasSize(CommandLines.MAX_DISPLAY).endsWith("…");
    }

    @Test
    void everySettingReturnsACopyAndLeavesTheOriginalAlone() {
        ShellStep base = Shell.command("ls");
        ShellStep changed = base.args("-l").env("A", "1").successCodes(0, 1).timeout(Duration.ofSeconds(1));

        assertThat(base.display()).isEqualTo("ls");
        assertThat(base.environment()).isEmpty();
        assertThat(base.exitCodes()).isEqualTo(ExitCodePolicy.DEFAULT);
        assertThat(base.ownTimeout()).isNull();
        assertThat(changed.display()).isEqualTo("ls -l");
        assertThat(changed.environment()).containsOnlyKeys("A");
    }

    @Test
    void invalidSettingsFailAtOnceNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> Shell.command(" ")).hasMessage("program must not be blank, was ' '");
        assertThatThrownBy(() -> Shell.script("")).hasMessage("script must not be blank, was ''");
        assertThatThrownBy(() -> Shell.command("ls", "-l", null)).hasMessage("args[1] must not be null");
        assertThatThrownBy(() -> Shell.script("echo", "a", null)).hasMessage("args[1] must not be null");
        assertThatThrownBy(() -> Shell.command("ls").env("A=B", "1")).hasMessage("env name must be non-empty without '=' or NUL, was 'A=B'");
        assertThatThrownBy(() -> Shell.command("ls").env("A", (String) null)).hasMessage("env A must not be null");
        assertThatThrownBy(() -> Shell.command("ls").env("BATON_RUN_ID", "x"))
                .hasMessage("env BATON_RUN_ID is set by the step itself and cannot be configured");
        assertThatThrownBy(() -> Shell.command("ls").successCodes()).hasMessage("successCodes must name at least one exit code, was []");
        assertThatThrownBy(() -> Shell.command("ls").successCodes(0, -1)).hasMessage("successCodes must be exit codes >= 0, was [0, -1]");
        assertThatThrownBy(() -> Shell.command("ls").retryableCodes(0))
                .hasMessage("retryableCodes and successCodes must not share codes, both have [0]");
        assertThatThrownBy(() -> Shell.command("ls").nonRetryableCodes(2).retryableCodes(2, 75))
                .hasMessage("retryableCodes and nonRetryableCodes must not share codes, both have [2]");
        assertThatThrownBy(() -> Shell.command("ls").nonRetryableCodes(3).successCodes(0, 3))
                .hasMessage("successCodes and nonRetryableCodes must not share codes, both have [3]");
        assertThatThrownBy(() -> Shell.command("ls").timeout(Duration.ZERO)).hasMessage("timeout must be > 0, was PT0S");
        assertThatThrownBy(() -> Shell.command("ls").terminationGrace(Duration.ofSeconds(-1)))
                .hasMessage("terminationGrace must be >= 0, was PT-1S");
        assertThatThrownBy(() -> Shell.command("ls").outputSummaryBytes(-1)).hasMessage("outputSummaryBytes must be >= 0, was -1");
        assertThatThrownBy(() -> Shell.command("ls").logLimitBytes(-1)).hasMessage("logLimitBytes must be >= 0, was -1");
    }

    @Test
    void exitCodesMapToSuccessRetryOrFailure() {
        ExitCodePolicy defaults = ExitCodePolicy.DEFAULT;
        assertThat(defaults.classify(0)).isEqualTo(ExitCodePolicy.Outcome.SUCCESS);
        assertThat(defaults.classify(1)).isEqualTo(ExitCodePolicy.Outcome.RETRYABLE);
        assertThat(defaults.classify(137)).isEqualTo(ExitCodePolicy.Outcome.RETRYABLE);

        ExitCodePolicy chosen = defaults.withSuccess(0, 3).withRetryable(75);
        assertThat(chosen.classify(3)).isEqualTo(ExitCodePolicy.Outcome.SUCCESS);
        assertThat(chosen.classify(75)).isEqualTo(ExitCodePolicy.Outcome.RETRYABLE);
        assertThat(chosen.classify(1)).isEqualTo(ExitCodePolicy.Outcome.FATAL);

        ExitCodePolicy fatal = defaults.withNonRetryable(2, 64);
        assertThat(fatal.classify(2)).isEqualTo(ExitCodePolicy.Outcome.FATAL);
        assertThat(fatal.classify(1)).isEqualTo(ExitCodePolicy.Outcome.RETRYABLE);
    }

    @Test
    void theTailBufferKeepsTheLastBytesOfWholeLines() {
        TailBuffer tail = new TailBuffer(10);
        tail.add("12345");
        tail.add("abc");
        assertThat(tail.text()).isEqualTo("12345\nabc");
        assertThat(tail.truncated()).isFalse();
        tail.add("xy");
        assertThat(tail.text()).isEqualTo("abc\nxy");
        assertThat(tail.truncated()).isTrue();
        tail.add("a very long line that does not fit");
        assertThat(tail.text()).isEqualTo("s not fit");
        TailBuffer unicode = new TailBuffer(5);
        unicode.add("ééé");
        assertThat(unicode.text()).isEqualTo("éé");
        assertThat(TailBuffer.utf8Length("aé✓😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
