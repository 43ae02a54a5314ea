package dev.baton.engine;

import dev.baton.Flow;
import dev.baton.Workflow;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CodeVersionsTest {
    @TempDir
    Path dir;

    static final class Load implements Workflow<String, String> {
        @Override
        public String run(Flow flow, String input) {
            return input;
        }
    }

    static final class Report implements Workflow<String, String> {
        @Override
        public String run(Flow flow, String input) {
            return input + "!";
        }
    }

    private static final List<WorkflowDefinition<?, ?>> WORKFLOWS = List.of(WorkflowDefinition.of(new Load()));

    private ClassLoader resources(Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    @Test
    void theDeclaredVersionComesFirst() throws Exception {
        ClassLoader loader = resources(Map.of("baton.version", "from-resource\n"));

        assertThat(CodeVersions.detect(" 1.4.0 ", name -> "from-env", loader, WORKFLOWS)).isEqualTo("1.4.0");
    }

    @Test
    void thenTheEnvironmentVariable() throws Exception {
        ClassLoader loader = resources(Map.of("baton.version", "from-resource\n"));

        assertThat(CodeVersions.detect(null, Map.of("BATON_CODE_VERSION", "abc123")::get, loader, WORKFLOWS))
                .isEqualTo("abc123");
    }

    @Test
    void thenTheFirstLineOfABatonVersionResource() throws Exception {
        ClassLoader loader = resources(Map.of("baton.version", "2026.11.3\nbuilt by CI\n",
                "git.properties", "git.commit.id=deadbeef\n"));

        assertThat(CodeVersions.detect(null, name -> null, loader, WORKFLOWS)).isEqualTo("2026.11.3");
    }

    @Test
    void thenTheGitRevisionOfAGitPropertiesResource() throws Exception {
        ClassLoader full = resources(Map.of("git.properties", "git.branch=main\ngit.commit.id=0123456789abcdef\n"));

        assertThat(CodeVersions.detect(null, name -> null, full, WORKFLOWS)).isEqualTo("0123456789abcdef");
    }

    @Test
    void elseAHashOfTheWorkflowClassesThatChangesWithThem() throws Exception {
        ClassLoader none = resources(Map.of());

        String one = CodeVersions.detect(null, name -> null, none, WORKFLOWS);
        String again = CodeVersions.detect(null, name -> null, none, List.of(WorkflowDefinition.of(new Load())));
        String other = CodeVersions.detect(null, name -> null, none, List.of(WorkflowDefinition.of(new Report())));
        String lambda = CodeVersions.classHash(List.of(WorkflowDefinition.of("l", String.class, (flow, in) -> in)));

        assertThat(one).matches("classes-[0-9a-f]{12}").isEqualTo(again).isNotEqualTo(other);
        assertThat(lambda).matches("classes-[0-9a-f]{12}")
                .isEqualTo(CodeVersions.classHash(List.of(WorkflowDefinition.of("l", String.class, (flow, in) -> in))));
    }
}
