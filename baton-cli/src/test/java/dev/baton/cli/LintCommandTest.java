package dev.baton.cli;

import dev.baton.cli.lintsample.StampedGreeting;
import dev.baton.examples.ExampleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class LintCommandTest {
    private static final Path SAMPLE_CLASSES = Path.of("target/test-classes/dev/baton/cli/lintsample");

    @TempDir
    Path dir;

    @Test
    void theWorkflowsOnTheClassPathAreClean() {
        Cli.Result result = Cli.runRaw("lint");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("workflows checked: no findings");
    }

    @Test
    void aFindingIsPrintedInCompilerStyleAndExitsWithOne() {
        Cli.Result result = Cli.runRaw("lint", "--classes", SAMPLE_CLASSES.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("dev/baton/cli/lintsample/StampedGreeting.java:" + StampedGreeting.CLOCK_LINE
                + ": [wall-clock] StampedGreeting.run reads the wall clock with Instant.now(): "
                + "a replay sees another time; use flow.now()");
        assertThat(result.out().strip()).endsWith("1 workflow checked: 1 finding");
    }

    @Test
    void aClassFolderAndAJarOrFolderOfExamplesAreCheckedTogether() throws Exception {
        // The examples' classes as the class path has them: a folder in a reactor build, else a jar.
        Path examples = Path.of(ExampleCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Cli.Result result = Cli.runRaw("lint", "--classes", SAMPLE_CLASSES.toString(), "--classes", examples.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("StampedGreeting.java:" + StampedGreeting.CLOCK_LINE + ": [wall-clock]",
                "10 workflows checked: 1 finding");
    }

    @Test
    void aMissingPathIsBadInput() {
        Cli.Result result = Cli.runRaw("lint", "--classes", dir.resolve("missing").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("no such class folder or jar: " + dir.resolve("missing"));
    }

    @Test
    void aFolderWithoutWorkflowsIsBadInputSoThatAWrongPathDoesNotPass() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("classes"));

        Cli.Result result = Cli.runRaw("lint", "--classes", empty.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("no workflow found in [" + empty + "]");
    }

    @Test
    void theHelpNamesTheOptionAndTheExitCodes() {
        Cli.Result result = Cli.runRaw("lint", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: baton lint", "--classes=DIR|JAR", "1  findings", "2  bad input");
    }
}
