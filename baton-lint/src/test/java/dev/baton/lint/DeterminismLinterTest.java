package dev.baton.lint;

import dev.baton.lint.samples.BlockingIo;
import dev.baton.lint.samples.CleanWorkflow;
import dev.baton.lint.samples.ClockReads;
import dev.baton.lint.samples.HelpersAndLambdas;
import dev.baton.lint.samples.InheritedHelper;
import dev.baton.lint.samples.LambdaWorkflows;
import dev.baton.lint.samples.RandomDraws;
import dev.baton.lint.samples.Sleeps;
import dev.baton.lint.samples.Suppressed;
import dev.baton.lint.samples.TemplateClockReader;
import dev.baton.lint.samples.TemplateSleeper;
import dev.baton.lint.samples.Threads;
import dev.baton.lint.badsamples.UnknownRuleSuppression;
import dev.baton.lint.samples.UnorderedLoops;
import dev.baton.lint.samples.WrongSuppression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The linter on real compiled workflows. Each sample marks the lines it expects a finding on with
 * a comment {@code // expect: RULE} (or {@code // suppressed: RULE}); the tests compare those
 * with what the linter reports, line by line.
 */
class DeterminismLinterTest {
    private static final Path SAMPLES = Path.of("src/test/java/dev/baton/lint/samples");
    private static final Pattern MARK = Pattern.compile("// (expect|suppressed): ([a-z-]+)");

    private static final String IN_HASH_ORDER = " in hash order: it can differ from one JVM start to the next, "
            + "so a replay may start or name steps differently";

    @TempDir
    Path dir;

    @Test
    void wallClockReadsAreFoundOnTheirLines() throws IOException {
        assertFindingsAsMarked(ClockReads.class);
    }

    @Test
    void randomDrawsAreFoundButASeededRandomIsNot() throws IOException {
        assertFindingsAsMarked(RandomDraws.class);
    }

    @Test
    void threadsExecutorsAndParallelStreamsAreFound() throws IOException {
        assertFindingsAsMarked(Threads.class);
    }

    @Test
    void sleepsOnTheWorkflowThreadAreFound() throws IOException {
        assertFindingsAsMarked(Sleeps.class);
    }

    @Test
    void blockingIoIsFoundButInMemoryWritersAreNot() throws IOException {
        assertFindingsAsMarked(BlockingIo.class);
    }

    @Test
    void iterationOverHashOrderedCollectionsIsFoundButSortedAndInsertionOrderIsNot() throws IOException {
        LintReport report = assertFindingsAsMarked(UnorderedLoops.class);

        assertThat(report.findings()).extracting(Finding::message).containsExactly(
                "iterates over a HashMap" + IN_HASH_ORDER,
                "runs forEach over a HashMap" + IN_HASH_ORDER,
                "iterates over Set.of(...)" + IN_HASH_ORDER,
                "runs forEach over Collectors.toSet(...)" + IN_HASH_ORDER,
                "picks elements by position from a HashSet" + IN_HASH_ORDER,
                "turns a HashMap into text" + IN_HASH_ORDER,
                "hands flow.forEach the items of a HashMap (item steps are named by position)" + IN_HASH_ORDER,
                "makes durable calls from a lambda run for each element of a HashMap" + IN_HASH_ORDER);
        assertThat(report.findings()).extracting(Finding::replacement).containsOnly(
                "a sorted or insertion-ordered collection (TreeMap, TreeSet, LinkedHashMap, LinkedHashSet, List), or sort first");
    }

    @Test
    void helpersAndInlineLambdasAreCheckedButStepBodiesAreNot() throws IOException {
        LintReport report = assertFindingsAsMarked(HelpersAndLambdas.class);

        assertThat(report.findings()).extracting(Finding::method, Finding::reachedFrom).containsExactly(
                tuple("lambda in run", "HelpersAndLambdas.run"),
                tuple("run", ""),
                tuple("lambda in run", "HelpersAndLambdas.run"),
                tuple("stamp", "HelpersAndLambdas.run"),
                tuple("record", "HelpersAndLambdas.run"));
        assertThat(report.findings().get(1).message()).startsWith("refers to a method that reads the wall clock with Instant.now()");
    }

    @Test
    void workflowsWrittenAsLambdasAndAnonymousClassesAreChecked() throws IOException {
        LintReport report = assertFindingsAsMarked(LambdaWorkflows.class);

        assertThat(report.workflows()).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("LambdaWorkflows (workflow lambda at line "))
                .anySatisfy(w -> assertThat(w).isEqualTo("LambdaWorkflows$1.run"));
        assertThat(report.findings()).extracting(Finding::className, Finding::method).containsExactly(
                tuple("dev.baton.lint.samples.LambdaWorkflows", "lambda in a static initializer"),
                tuple("dev.baton.lint.samples.LambdaWorkflows$1", "run"));
    }

    @Test
    void helpersInheritedFromABaseClassAreChecked() throws IOException {
        LintReport report = DeterminismLinter.scan(InheritedHelper.class);

        assertThat(lines(report.findings())).containsExactlyElementsOf(marks("BaseWorkflow.java", "expect"));
        Finding finding = report.findings().get(0);
        assertThat(finding.className()).isEqualTo("dev.baton.lint.samples.BaseWorkflow");
        assertThat(finding.method()).isEqualTo("newId");
        assertThat(finding.reachedFrom()).isEqualTo("InheritedHelper.run");
    }

    @Test
    void aTemplateRunMethodInABaseClassReachesEachSubclassesHook() throws IOException {
        assertFindingsAsMarked(TemplateSleeper.class);
        assertFindingsAsMarked(TemplateClockReader.class);

        LintReport both = DeterminismLinter.scan(TemplateSleeper.class, TemplateClockReader.class);
        assertThat(both.workflows()).containsExactly("TemplateClockReader.run", "TemplateSleeper.run");
        assertThat(both.findings()).extracting(Finding::reachedFrom)
                .containsExactly("TemplateClockReader.run", "TemplateSleeper.run");
    }

    @Test
    void aWorkflowWithAllItsEffectsInStepsIsClean() {
        LintReport report = DeterminismLinter.scan(CleanWorkflow.class);

        assertThat(report.findings()).isEmpty();
        assertThat(report.suppressed()).isEmpty();
        assertThat(report.workflows()).containsExactly("CleanWorkflow.run");
        DeterminismLinter.assertClean(CleanWorkflow.class);
    }

    @Test
    void suppressedFindingsAreListedWithTheirReasonAndOthersStay() throws IOException {
        LintReport report = assertFindingsAsMarked(Suppressed.class);

        assertThat(lines(report.suppressed())).containsExactlyElementsOf(marks("Suppressed.java", "suppressed"));
        assertThat(report.suppressed()).extracting(Finding::suppressedBecause).containsExactly(
                "adds up sizes: the order does not matter", "only a log line for people; no step depends on it");
        assertThat(report.suppressed().get(1).toString())
                .endsWith("[suppressed: only a log line for people; no step depends on it]");
        assertThat(report.summary()).isEqualTo("1 workflow checked: 1 finding, 2 suppressed");
    }

    @Test
    void aSuppressionOfAnotherRuleKeepsTheFinding() throws IOException {
        assertFindingsAsMarked(WrongSuppression.class);
    }

    @Test
    void aSuppressionNamingAnUnknownRuleIsRefused() {
        assertThatThrownBy(() -> DeterminismLinter.scan(UnknownRuleSuppression.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnknownRuleSuppression.run")
                .hasMessageContaining("unknown determinism rule 'wallclock'")
                .hasMessageContaining("wall-clock");
    }

    @Test
    void aFindingPrintsInCompilerStyleWithTheReplacement() throws IOException {
        LintReport report = DeterminismLinter.scan(ClockReads.class);
        int line = marks("ClockReads.java", "expect").get(0).line();

        assertThat(report.findings().get(0).toString()).isEqualTo("dev/baton/lint/samples/ClockReads.java:" + line
                + ": [wall-clock] ClockReads.run reads the wall clock with System.currentTimeMillis(): "
                + "a replay sees another time; use flow.now()");
        assertThat(report.findings()).extracting(Finding::replacement).containsOnly("flow.now()");
    }

    @Test
    void randomFindingsNameTheMatchingFlowMethod() {
        LintReport report = DeterminismLinter.scan(RandomDraws.class);

        assertThat(report.findings()).extracting(Finding::replacement)
                .contains("flow.uuid()", "flow.random()", "flow.random().nextDouble()");
    }

    @Test
    void assertCleanListsEveryFinding() {
        assertThatThrownBy(() -> DeterminismLinter.assertClean(Sleeps.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("workflow code breaks replay")
                .hasMessageContaining("dev/baton/lint/samples/Sleeps.java:")
                .hasMessageContaining("[sleep] Sleeps.run sleeps with Thread.sleep(...)")
                .hasMessageContaining("use flow.sleep(Duration)")
                .hasMessageContaining("1 workflow checked: 2 findings");
    }

    @Test
    void assertCleanRefusesClassesWithoutAWorkflow() {
        assertThatThrownBy(() -> DeterminismLinter.assertClean(String.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no workflow found in java.lang.String");
    }

    @Test
    void aClassFolderAndAJarOfItGiveTheSameFindings() throws IOException {
        Path classes = Path.of("target/test-classes");
        Path jar = dir.resolve("samples.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes.resolve("dev/baton/lint/samples"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }

        LintReport fromFolder = DeterminismLinter.scan(classes.resolve("dev/baton/lint/samples"));
        LintReport fromJar = DeterminismLinter.scan(jar);

        assertThat(fromJar.findings()).isEqualTo(fromFolder.findings());
        assertThat(fromJar.workflows()).isEqualTo(fromFolder.workflows());
        assertThat(fromFolder.workflows()).contains("ClockReads.run", "CleanWorkflow.run", "InheritedHelper.run",
                "LambdaWorkflows$1.run").doesNotContain("BaseWorkflow.run");
        assertThat(fromFolder.findings()).extracting(Finding::sourceFile)
                .doesNotContain("dev/baton/lint/samples/CleanWorkflow.java");
    }

    @Test
    void aWorkflowLambdasClassStandsForTheClassThatWroteIt() throws IOException {
        Class<?> lambdaClass = LambdaWorkflows.STAMPED.workflow().getClass();
        assertThat(lambdaClass.isHidden()).isTrue();

        LintReport report = DeterminismLinter.scan(lambdaClass);

        assertThat(lines(report.findings())).containsExactlyElementsOf(marks("LambdaWorkflows.java", "expect"));
    }

    @Test
    void aMissingPathIsBadInput() {
        assertThatThrownBy(() -> DeterminismLinter.scan(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such class folder or jar: ");
    }

    /** A line a sample marks, with the rule it expects there. */
    record Mark(int line, String rule) implements Comparable<Mark> {
        @Override
        public int compareTo(Mark other) {
            return line != other.line ? Integer.compare(line, other.line) : rule.compareTo(other.rule);
        }

        @Override
        public String toString() {
            return line + ": " + rule;
        }
    }

    private static LintReport assertFindingsAsMarked(Class<?> sample) throws IOException {
        LintReport report = DeterminismLinter.scan(sample);
        String source = sample.getSimpleName() + ".java";
        assertThat(lines(report.findings())).as(String.join("\n", report.lines()))
                .containsExactlyElementsOf(marks(source, "expect"));
        assertThat(lines(report.suppressed())).as(String.join("\n", report.lines()))
                .containsExactlyElementsOf(marks(source, "suppressed"));
        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.sourceFile()).isEqualTo("dev/baton/lint/samples/" + source);
            assertThat(f.replacement()).isNotBlank();
        });
        return report;
    }

    private static List<Mark> lines(List<Finding> findings) {
        Set<Mark> marks = new TreeSet<>();
        findings.forEach(f -> marks.add(new Mark(f.line(), f.rule().id())));
        return List.copyOf(marks);
    }

    private static List<Mark> marks(String sourceFile, String kind) throws IOException {
        List<String> text = Files.readAllLines(SAMPLES.resolve(sourceFile));
        Set<Mark> marks = new TreeSet<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher m = MARK.matcher(text.get(i));
            if (m.find() && m.group(1).equals(kind)) {
                marks.add(new Mark(i + 1, Rule.byId(m.group(2)).id()));
            }
        }
        return List.copyOf(marks);
    }
}
