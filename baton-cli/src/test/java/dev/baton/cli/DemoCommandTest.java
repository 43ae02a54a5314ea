package dev.baton.cli;

import dev.baton.examples.DemoCase;
import dev.baton.examples.DemoCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoOnceRunsEveryCaseToItsExpectedEndAndExitsZero() {
        Cli.Result result = new Cli(dir.resolve("demo.db")).run("demo", "--once");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("run started", "→ the demo sends signal 'approve' = true",
                "WORKFLOW", "EXPECTED", "OK", "All " + DemoCases.all().size() + " runs ended as expected.");
        for (DemoCase demoCase : DemoCases.all()) {
            assertThat(result.out()).contains(demoCase.description());
        }
    }

    @Test
    void demoOnceIsRepeatableOnTheSameStore() {
        Cli cli = new Cli(dir.resolve("demo.db"));
        assertThat(cli.run("demo", "--once").exitCode()).isZero();

        Cli.Result again = cli.run("demo", "--once");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(cli.run("runs", "--status", "COMPLETED", "--json").out())
                .contains("\"workflow\" : \"ReleaseApproval\"");
    }
}
