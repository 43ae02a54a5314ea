package dev.baton.lint;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The classes a scan reads: those given to it, which it checks, and others it looks up through a
 * class loader to learn their type hierarchy.
 */
final class ClassPool {
    static final String WORKFLOW = "dev/baton/Workflow";

    /** Baton's own packages: their code is the engine's and the library's, not workflow code. */
    private static final Set<String> LIBRARY_PACKAGES = Set.of("dev/baton", "dev/baton/spi", "dev/baton/steps",
            "dev/baton/lint");

    private final Map<String, ClassNode> scanned = new TreeMap<>();
    private final Map<String, ClassNode> looked = new HashMap<>();
    private final Map<String, Boolean> workflows = new HashMap<>();
    private final ClassLoader loader;

    /** @param loader where classes outside the scanned ones are looked up */
    ClassPool(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Adds a class to check.
     *
     * @param bytes its class file
     * @return the class
     */
    ClassNode add(byte[] bytes) {
        ClassNode node = read(bytes);
        scanned.put(node.name, node);
        return node;
    }

    /** @return the classes to check, by name */
    Iterable<ClassNode> scanned() {
        return scanned.values();
    }

    /** @param internalName a class's internal name @return whether it was added to be checked */
    boolean isScanned(String internalName) {
        return scanned.containsKey(internalName);
    }

    /**
     * @param internalName a class's internal name
     * @return the class, from the scanned ones or the class loader, or null when neither has it
     * (or it is a JDK class, which never holds workflow code)
     */
    ClassNode find(String internalName) {
        ClassNode node = scanned.get(internalName);
        if (node != null || isJdk(internalName)) {
            return node;
        }
        if (looked.containsKey(internalName)) {
            return looked.get(internalName);
        }
        ClassNode found = null;
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(internalName + ".class")) {
            if (in != null) {
                found = read(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class " + internalName.replace('/', '.') + ": " + e.getMessage(), e);
        }
        looked.put(internalName, found);
        return found;
    }

    /**
     * @param internalName a class's internal name
     * @return whether its code can be workflow code that the linter follows: not the JDK's and not
     * Baton's own library
     */
    boolean inScope(String internalName) {
        if (isJdk(internalName)) {
            return false;
        }
        int slash = internalName.lastIndexOf('/');
        String pkg = slash < 0 ? "" : internalName.substring(0, slash);
        return !LIBRARY_PACKAGES.contains(pkg) && !pkg.startsWith("dev/baton/engine") && find(internalName) != null;
    }

    /** @param internalName a type's internal name @return whether it is or implements {@code dev.baton.Workflow} */
    boolean isWorkflow(String internalName) {
        if (internalName == null || isJdk(internalName)) {
            return false;
        }
        if (internalName.equals(WORKFLOW)) {
            return true;
        }
        Boolean known = workflows.get(internalName);
        if (known != null) {
            return known;
        }
        workflows.put(internalName, false); // against cycles in malformed input
        ClassNode node = find(internalName);
        boolean result = false;
        if (node != null) {
            result = isWorkflow(node.superName);
            for (String iface : node.interfaces) {
                result = result || isWorkflow(iface);
            }
        }
        workflows.put(internalName, result);
        return result;
    }

    /**
     * Finds the code a call reaches: the method in the named class or, when it inherits it, in the
     * nearest superclass that has it.
     *
     * @param owner the class named by the call
     * @param name  the method's name
     * @param desc  the method's descriptor
     * @return the class that declares it and the method, or null when it is not found or has no code
     */
    Resolved resolve(String owner, String name, String desc) {
        String type = owner;
        while (type != null && inScope(type)) {
            ClassNode node = find(type);
            for (MethodNode method : node.methods) {
                if (method.name.equals(name) && method.desc.equals(desc)) {
                    boolean hasCode = (method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
                    return hasCode ? new Resolved(node, method) : null;
                }
            }
            type = node.superName;
        }
        return null;
    }

    /**
     * A method with the class that declares it.
     *
     * @param owner  the class
     * @param method the method
     */
    record Resolved(ClassNode owner, MethodNode method) {
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }

    private static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }
}
