package dev.baton.examples;

import dev.baton.lint.DeterminismLinter;
import dev.baton.lint.LintReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example workflow keeps replay deterministic: the determinism linter finds nothing in the
 * compiled classes of this module. This is how a project adds the check to its own build.
 */
class DeterminismTest {

    @Test
    void everyExampleWorkflowIsDeterministic() {
        DeterminismLinter.assertClean(Path.of("target/classes"));
    }

    @Test
    void theCheckSeesEveryExampleWorkflow() {
        LintReport report = DeterminismLinter.scan(Path.of("target/classes"));

        assertThat(report.workflows()).contains("OrderRouting.run", "FanOut.run", "FlakyPayment.run",
                "DelayedReminder.run", "ReleaseApproval.run", "NightlyExport.run", "NightlyLoad.run",
                "HourlyRefresh.run", "PublishReport.run");
        assertThat(report.suppressed()).isEmpty();
    }
}
