package dev.baton.engine;

import dev.baton.WorkflowDefinition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds the version of the code this process runs, recorded with each run it starts. In order:
 * what the application declared ({@code BatonBuilder.codeVersion}); the environment variable
 * {@value #ENVIRONMENT_VARIABLE}; the first line of a {@value #VERSION_RESOURCE} resource; the
 * {@code git.commit.id} (or its abbreviation) of a {@value #GIT_RESOURCE} resource, as git
 * build plugins write it; else a hash of the bytecode of the registered workflow classes, so that
 * two builds of different workflow code never share a version.
 */
public final class CodeVersions {
    /** The environment variable that names the version. */
    public static final String ENVIRONMENT_VARIABLE = "BATON_CODE_VERSION";
    /** A class-path resource whose first line is the version. */
    public static final String VERSION_RESOURCE = "baton.version";
    /** A class-path resource of git properties. */
    public static final String GIT_RESOURCE = "git.properties";

    private CodeVersions() {
    }

    /**
     * @param declared  the declared version, or null
     * @param workflows the registered workflows
     * @return the version
     */
    public static String detect(String declared, Collection<WorkflowDefinition<?, ?>> workflows) {
        return detect(declared, System::getenv, Thread.currentThread().getContextClassLoader(), workflows);
    }

    static String detect(String declared, Function<String, String> environment, ClassLoader loader,
                         Collection<WorkflowDefinition<?, ?>> workflows) {
        if (declared != null && !declared.isBlank()) {
            return declared.strip();
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        ClassLoader classes = loader != null ? loader : CodeVersions.class.getClassLoader();
        String fromResource = firstLine(classes, VERSION_RESOURCE);
        if (fromResource != null) {
            return fromResource;
        }
        String fromGit = gitRevision(classes);
        if (fromGit != null) {
            return fromGit;
        }
        return classHash(workflows);
    }

    private static String firstLine(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null || line.isBlank() ? null : line.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static String gitRevision(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(GIT_RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties git = new Properties();
            git.load(in);
            for (String key : new String[] {"git.commit.id", "git.commit.id.full", "git.commit.id.abbrev"}) {
                String value = git.getProperty(key);
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return "classes-" and 12 hex digits of a SHA-256 over the workflow classes' names and bytecode */
    static String classHash(Collection<WorkflowDefinition<?, ?>> workflows) {
        Map<String, Class<?>> classes = new TreeMap<>();
        for (WorkflowDefinition<?, ?> definition : workflows) {
            classes.put(definition.name(), definition.workflow().getClass());
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Class<?>> entry : classes.entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                Class<?> type = entry.getValue();
                // A lambda's hidden class has a name that differs from one JVM to the next and no
                // bytecode of its own: the class that declares it stands for it.
                String name = type.isHidden() ? type.getName().replaceFirst("\\$\\$Lambda.*$", "") : type.getName();
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
                try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                } catch (IOException e) {
                    // The name alone still tells versions apart when the bytes cannot be read.
                }
            }
            return "classes-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
