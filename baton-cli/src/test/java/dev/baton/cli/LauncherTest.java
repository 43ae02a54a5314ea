package dev.baton.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher script's JDK discovery, run for real with bash in an environment whose only
 * JDKs are fakes older than 21, so that it must give up (before it would build anything).
 */
@Timeout(60)
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "baton").toAbsolutePath().normalize();
    private static final List<String> TOOLS = List.of("dirname", "grep", "sort", "tail", "head", "readlink");

    @TempDir
    Path dir;

    private Path bash;
    private Path tools;

    @BeforeEach
    void onlyWhereBashRuns() throws IOException {
        bash = which("bash");
        assumeTrue(bash != null && Files.isRegularFile(LAUNCHER), "needs bash and the launcher");
        // A PATH with the few tools the script uses and no java.
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : TOOLS) {
            Path found = which(tool);
            assumeTrue(found != null, "needs " + tool);
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
    }

    @Test
    void withoutAJdk21ItSaysWhatToInstallAndExitsWithTwo() throws Exception {
        Path old = fakeJdk("jdks/jdk-17", "17.0.9", true);
        fakeJdk("jdks/jre-22", "22.0.1", false); // a JRE cannot build

        Result result = launch(Map.of("JAVA_HOME", old.toString(),
                "BATON_JDK_SEARCH_PATH", dir.resolve("jdks") + "/*"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("needs a JDK 21 or newer, and found none",
                "JAVA_HOME=" + old + " (Java 17, older than 21)", "java on PATH (none)", dir.resolve("jdks") + "/*",
                "apt-get install openjdk-21-jdk", "https://adoptium.net", "set JAVA_HOME");
        assertThat(result.output()).doesNotContain("Building Baton");
    }

    @Test
    void anEmptySearchPathSearchesNoFolder() throws Exception {
        Result result = launch(Map.of("BATON_JDK_SEARCH_PATH", ""));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("JAVA_HOME (not set)", "no folders: BATON_JDK_SEARCH_PATH is empty");
    }

    @Test
    void debugSaysWhyEachCandidateWasSkipped() throws Exception {
        fakeJdk("jdks/jdk-11", "11.0.2", true);
        fakeJdk("jdks/jdk-8", "1.8.0_392", true);

        Result result = launch(Map.of("BATON_DEBUG", "1", "BATON_JDK_SEARCH_PATH", dir.resolve("jdks") + "/*"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("found Java 11.0.2 at", "found Java 1.8.0_392 at");
    }

    private record Result(int exitCode, String output) {
    }

    private Result launch(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(bash.toString(), LAUNCHER.toString(), "--version")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** A folder whose bin/java answers -version like a JDK of that version. */
    private Path fakeJdk(String folder, String version, boolean withJavac) throws IOException {
        Path home = Files.createDirectories(dir.resolve(folder));
        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("java"), "#!" + bash + "\necho 'openjdk version \"" + version + "\" 2024-01-16' >&2\n");
        if (withJavac) {
            script(bin.resolve("javac"), "#!" + bash + "\nexit 0\n");
        }
        return home;
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path which(String command) {
        for (String folder : List.of("/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin")) {
            Path candidate = Path.of(folder, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
