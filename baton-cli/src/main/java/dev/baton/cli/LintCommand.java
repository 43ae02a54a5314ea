package dev.baton.cli;

import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;
import dev.baton.lint.DeterminismLinter;
import dev.baton.lint.Finding;
import dev.baton.lint.LintReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code baton lint}: the determinism check of workflow classes, for a terminal or CI. */
@Command(name = "lint",
        description = {"Checks compiled workflow classes for code that breaks replay: clock reads, random numbers, "
                + "threads, sleeps and I/O outside steps, iteration over hash-ordered collections.",
                "Prints one line per finding, as FILE:LINE: [RULE] what; use REPLACEMENT. See docs/determinism.md."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no findings (suppressed ones are listed but do not count)",
                "  1  findings",
                "  2  bad input: a path that does not exist, is no class folder or jar, or holds no workflow"})
final class LintCommand extends CliCommand {

    @Option(names = "--classes", paramLabel = "DIR|JAR",
            description = "A folder of .class files (such as target/classes) or a jar; repeat for more. "
                    + "Default: the workflows of the catalogs on the class path.")
    List<Path> classes = new ArrayList<>();

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        LintReport report;
        try {
            report = classes.isEmpty() ? DeterminismLinter.scan(catalogClasses())
                    : DeterminismLinter.scan(classes.toArray(Path[]::new));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (report.workflows().isEmpty() && !classes.isEmpty()) {
            // In CI a wrong path would otherwise pass for a clean build.
            throw new CliException(ExitCodes.USAGE, "no workflow found in " + classes + ": no class there implements "
                    + "dev.baton.Workflow or creates a Workflow lambda; give the folder or jar of the compiled workflows");
        }
        Style style = terminal.style();
        for (Finding finding : report.findings()) {
            terminal.println(finding.toString());
        }
        for (Finding finding : report.suppressed()) {
            terminal.println(style.dim(finding.toString()));
        }
        if (report.workflows().isEmpty()) {
            terminal.println("No workflow found: no class implements dev.baton.Workflow or creates a Workflow lambda.");
        }
        terminal.println(report.clean() ? style.green(report.summary()) : style.red(report.summary()));
        return report.clean() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** @return the classes of the workflows registered by the catalogs, and the catalogs themselves */
    private static Class<?>[] catalogClasses() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (WorkflowCatalog catalog : Catalogs.all()) {
            types.add(catalog.getClass());
            for (WorkflowDefinition<?, ?> definition : catalog.workflows()) {
                types.add(definition.workflow().getClass()); // a lambda's stands for the class that wrote it
            }
        }
        return types.toArray(Class<?>[]::new);
    }
}
