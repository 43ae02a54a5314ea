package dev.baton.lint;

import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The determinism linter: reads compiled workflow classes and finds code in workflow methods that
 * breaks replay: wall-clock reads, random numbers, threads, sleeps and blocking I/O outside steps,
 * and iteration over hash-ordered collections. Code inside step bodies (the lambdas given to
 * {@code flow.step}, {@code flow.async} and {@code flow.forEach}) is not checked: it runs once and
 * its result is recorded. See docs/determinism.md for the rules.
 *
 * <p>In a JUnit test:
 * <pre>{@code
 * @Test
 * void workflowsAreDeterministic() {
 *     DeterminismLinter.assertClean(NightlyLoad.class, PublishReport.class);
 * }
 * }</pre>
 */
public final class DeterminismLinter {

    private DeterminismLinter() {
    }

    /**
     * Checks every workflow in class folders and jars.
     *
     * @param classesDirsOrJars folders of {@code .class} files (such as {@code target/classes}) and jars
     * @return what was found
     * @throws IllegalArgumentException when a path does not exist or is neither a folder nor a jar
     * @throws UncheckedIOException     when a class file cannot be read
     */
    public static LintReport scan(Path... classesDirsOrJars) {
        ClassPool pool = new ClassPool(defaultLoader());
        for (Path path : classesDirsOrJars) {
            addPath(pool, path);
        }
        return new WorkflowScanner(pool).scan();
    }

    /**
     * Checks workflow classes, with their nested and anonymous classes and the workflows written
     * as lambdas inside them. The class of a workflow lambda ({@code definition.workflow().getClass()})
     * stands for the class that wrote the lambda.
     *
     * @param classes the classes
     * @return what was found
     */
    public static LintReport scan(Class<?>... classes) {
        ClassLoader loader = classes.length > 0 && classes[0].getClassLoader() != null
                ? classes[0].getClassLoader() : defaultLoader();
        ClassPool pool = new ClassPool(loader);
        Set<String> added = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (Class<?> type : classes) {
            pending.add(classFileOf(type).getName().replace('.', '/'));
        }
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (!added.add(name)) {
                continue;
            }
            byte[] bytes = classBytes(loader, name);
            if (bytes == null) {
                throw new IllegalArgumentException("cannot read the class file of " + name.replace('/', '.')
                        + ": it is not on the class path as a .class resource");
            }
            ClassNode node = pool.add(bytes);
            if (node.nestMembers != null) {
                pending.addAll(node.nestMembers);
            }
        }
        return new WorkflowScanner(pool).scan();
    }

    /**
     * Fails with the findings when workflow classes break replay: for a JUnit test.
     *
     * @param workflows the workflow classes
     * @throws AssertionError listing each finding in compiler style, or saying that no workflow was
     *                        found in the classes given
     */
    public static void assertClean(Class<?>... workflows) {
        LintReport report = scan(workflows);
        StringBuilder given = new StringBuilder();
        for (Class<?> type : workflows) {
            given.append(given.isEmpty() ? "" : ", ").append(type.getName());
        }
        check(report, given.toString());
    }

    /**
     * Fails with the findings when a workflow in class folders or jars breaks replay.
     *
     * @param classesDirsOrJars folders of {@code .class} files and jars
     * @throws AssertionError listing each finding, or saying that no workflow was found
     */
    public static void assertClean(Path... classesDirsOrJars) {
        LintReport report = scan(classesDirsOrJars);
        check(report, String.join(", ", Stream.of(classesDirsOrJars).map(Path::toString).toList()));
    }

    private static void check(LintReport report, String given) {
        if (report.workflows().isEmpty()) {
            throw new AssertionError("no workflow found in " + given + ": the determinism check needs classes "
                    + "that implement dev.baton.Workflow or create Workflow lambdas");
        }
        if (!report.clean()) {
            StringBuilder message = new StringBuilder("workflow code breaks replay (docs/determinism.md):\n");
            for (Finding finding : report.findings()) {
                message.append("  ").append(finding).append('\n');
            }
            message.append(report.summary());
            throw new AssertionError(message.toString());
        }
    }

    private static void addPath(ClassPool pool, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such class folder or jar: " + path);
        }
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p))
                            .filter(p -> !isDescriptor(p.getFileName().toString())).sorted().toList();
                }
                for (Path file : files) {
                    pool.add(Files.readAllBytes(file));
                }
            } else {
                addJar(pool, path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classes from " + path + ": " + e.getMessage(), e);
        }
    }

    private static void addJar(ClassPool pool, Path jar) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a class folder or jar: " + jar + " (" + e.getMessage() + ")", e);
        }
        try (zip) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/"))
                    .filter(e -> !isDescriptor(e.getName().substring(e.getName().lastIndexOf('/') + 1)))
                    .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    pool.add(in.readAllBytes());
                }
            }
        }
    }

    private static boolean isDescriptor(String fileName) {
        return fileName.equals("module-info.class") || fileName.equals("package-info.class");
    }

    /**
     * @return the class whose class file holds the code: the class itself or, for a lambda's
     * class (made at run time, without a class file), the class that wrote the lambda
     */
    private static Class<?> classFileOf(Class<?> type) {
        if (type.isHidden() && type.getNestHost() != type) {
            return type.getNestHost();
        }
        if (type.isHidden() || type.isArray() || type.isPrimitive()) {
            throw new IllegalArgumentException(type.getName() + " has no class file: check the class that defines it");
        }
        return type;
    }

    private static byte[] classBytes(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class " + internalName.replace('/', '.') + ": " + e.getMessage(), e);
        }
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DeterminismLinter.class.getClassLoader();
    }
}
