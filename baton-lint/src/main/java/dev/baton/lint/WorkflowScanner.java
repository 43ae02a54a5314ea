package dev.baton.lint;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the workflow entry points among the scanned classes and walks the code they run on the
 * workflow thread, checking each instruction against the rules.
 *
 * <p>Entry points: the {@code run(Flow, I)} method of every class that implements
 * {@code dev.baton.Workflow} (directly or through superclasses and interfaces), and the body of
 * every lambda or method reference converted to a {@code Workflow}. From there the walk follows
 * calls to methods of the same class and its superclasses, calls to any scanned method that takes
 * a {@code Flow}, and lambdas created along the way (which run inline: {@code forEach},
 * {@code computeIfAbsent}, ...). It does not follow lambdas and method references converted to
 * {@code Step}, {@code StepAction} or {@code StepFunction}: those are step bodies, run once and
 * checkpointed, where clocks, randomness and I/O are fine.
 */
final class WorkflowScanner {
    private static final String FLOW = "Ldev/baton/Flow;";
    private static final Set<String> STEP_BODIES = Set.of("dev/baton/Step", "dev/baton/StepAction",
            "dev/baton/StepFunction");
    private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final String UNORDERED_CONSEQUENCE = " in hash order: it can differ from one JVM start to "
            + "the next, so a replay may start or name steps differently";

    private final ClassPool pool;
    private final List<String> workflows = new ArrayList<>();
    private final Map<String, Finding> findings = new LinkedHashMap<>();

    WorkflowScanner(ClassPool pool) {
        this.pool = pool;
    }

    /** @return what the scan of the pool's classes found */
    LintReport scan() {
        for (ClassNode node : pool.scanned()) {
            boolean concrete = (node.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) == 0;
            if (concrete && pool.isWorkflow(node.name)) {
                ClassPool.Resolved run = runMethod(node);
                if (run != null) {
                    walkFrom(node, run.owner(), run.method(), display(node) + ".run");
                }
            }
            for (MethodNode method : node.methods) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof InvokeDynamicInsnNode indy && isLambda(indy)
                            && functionalInterface(indy).equals(ClassPool.WORKFLOW)) {
                        Handle body = (Handle) indy.bsmArgs[1];
                        ClassPool.Resolved target = pool.resolve(body.getOwner(), body.getName(), body.getDesc());
                        if (target != null) {
                            walkFrom(target.owner(), target.owner(), target.method(),
                                    display(node) + " (workflow lambda at line " + lineOf(insn) + ")");
                        }
                    }
                }
            }
        }
        List<Finding> all = new ArrayList<>(findings.values());
        all.sort(Comparator.comparing(Finding::sourceFile).thenComparingInt(Finding::line)
                .thenComparing(f -> f.rule().id()).thenComparing(Finding::message));
        List<Finding> active = all.stream().filter(f -> !f.suppressed()).toList();
        List<Finding> suppressed = all.stream().filter(Finding::suppressed).toList();
        return new LintReport(workflows, active, suppressed);
    }

    /** @return the workflow's run method: its own, or the one it inherits from a superclass */
    private ClassPool.Resolved runMethod(ClassNode workflow) {
        for (String type = workflow.name; type != null && pool.inScope(type); type = pool.find(type).superName) {
            ClassNode node = pool.find(type);
            for (MethodNode method : node.methods) {
                if (isRunMethod(method)) {
                    return new ClassPool.Resolved(node, method);
                }
            }
        }
        return null;
    }

    private static boolean isRunMethod(MethodNode method) {
        if (!method.name.equals("run") || (method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_BRIDGE)) != 0) {
            return false;
        }
        Type[] args = Type.getArgumentTypes(method.desc);
        return args.length == 2 && args[0].getDescriptor().equals(FLOW);
    }

    /** One method to check, and how the walk got there. */
    private record Visit(ClassNode owner, MethodNode method, ClassNode root, String rootLabel, boolean isRoot,
                         List<Suppression> inherited) {
    }

    /**
     * @param root   the workflow class: calls on {@code this} dispatch as its instances do
     * @param owner  the class that declares the entry method
     * @param method the entry method
     * @param label  how findings name the entry point
     */
    private void walkFrom(ClassNode root, ClassNode owner, MethodNode method, String label) {
        workflows.add(label);
        Deque<Visit> queue = new ArrayDeque<>();
        queue.add(new Visit(owner, method, root, label, true, List.of()));
        // Per workflow: an inherited method can reach other overrides from another subclass.
        Set<String> visited = new HashSet<>();
        while (!queue.isEmpty()) {
            Visit visit = queue.poll();
            if (visited.add(visit.owner().name + "." + visit.method().name + visit.method().desc)) {
                check(visit, queue);
            }
        }
    }

    private void check(Visit visit, Deque<Visit> queue) {
        ClassNode owner = visit.owner();
        MethodNode method = visit.method();
        List<Suppression> suppressions = new ArrayList<>(visit.inherited());
        suppressions.addAll(Suppression.read(display(owner), owner.invisibleAnnotations, owner.visibleAnnotations));
        suppressions.addAll(Suppression.read(display(owner) + "." + method.name, method.invisibleAnnotations,
                method.visibleAnnotations));
        int line = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            } else if (insn instanceof MethodInsnNode call) {
                ForbiddenCalls.Violation violation = ForbiddenCalls.check(call.owner, call.name, call.desc);
                if (violation != null) {
                    report(visit, suppressions, line, violation.rule(), violation.message(),
                            violation.replacement());
                }
                if (follows(visit, call.owner, call.desc)) {
                    enqueue(queue, visit, resolve(visit, call), List.of());
                }
            } else if (insn instanceof InvokeDynamicInsnNode indy && isLambda(indy)) {
                String iface = functionalInterface(indy);
                if (STEP_BODIES.contains(iface) || iface.equals(ClassPool.WORKFLOW)) {
                    continue; // a step body, or a workflow of its own (an entry point)
                }
                Handle body = (Handle) indy.bsmArgs[1];
                ForbiddenCalls.Violation violation = ForbiddenCalls.check(body.getOwner(), body.getName(), body.getDesc());
                if (violation != null) {
                    report(visit, suppressions, line, violation.rule(), "refers to a method that "
                            + violation.message(), violation.replacement());
                }
                if (pool.inScope(body.getOwner())) {
                    ClassPool.Resolved target = pool.resolve(body.getOwner(), body.getName(), body.getDesc());
                    boolean writtenHere = target != null && (target.method().access & Opcodes.ACC_SYNTHETIC) != 0;
                    enqueue(queue, visit, target, writtenHere ? suppressions : List.of());
                }
            }
        }
        Map<AbstractInsnNode, String> unordered = UnorderedIteration.find(owner.name, method);
        for (Map.Entry<AbstractInsnNode, String> entry : unordered.entrySet()) {
            report(visit, suppressions, lineOf(entry.getKey()), Rule.UNORDERED_ITERATION,
                    entry.getValue() + UNORDERED_CONSEQUENCE, Rule.UNORDERED_ITERATION.replacement());
        }
    }

    /** @return whether the walk follows a call: into the workflow's own class hierarchy, or to code taking a Flow */
    private boolean follows(Visit visit, String owner, String desc) {
        if (!pool.inScope(owner)) {
            return false;
        }
        return owner.equals(visit.owner().name) || desc.contains(FLOW) || inRootHierarchy(visit, owner);
    }

    private boolean inRootHierarchy(Visit visit, String owner) {
        for (String type = visit.root().name; type != null && pool.inScope(type); type = pool.find(type).superName) {
            if (type.equals(owner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the code a call runs: a virtual call on the workflow's own hierarchy dispatches from
     * the workflow class (a template method reaches the subclass's override); other calls resolve
     * from the class they name
     */
    private ClassPool.Resolved resolve(Visit visit, MethodInsnNode call) {
        boolean virtual = call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE;
        if (virtual && inRootHierarchy(visit, call.owner)) {
            ClassPool.Resolved dispatched = pool.resolve(visit.root().name, call.name, call.desc);
            if (dispatched != null) {
                return dispatched;
            }
        }
        return pool.resolve(call.owner, call.name, call.desc);
    }

    private void enqueue(Deque<Visit> queue, Visit from, ClassPool.Resolved target, List<Suppression> inherited) {
        if (target != null) {
            queue.add(new Visit(target.owner(), target.method(), from.root(), from.rootLabel(), false, inherited));
        }
    }

    private void report(Visit visit, List<Suppression> suppressions, int line, Rule rule, String message,
                        String replacement) {
        String suppressedBecause = null;
        for (Suppression suppression : suppressions) {
            if (suppression.covers(rule)) {
                suppressedBecause = suppression.reason();
                break;
            }
        }
        ClassNode owner = visit.owner();
        Finding finding = new Finding(rule, owner.name.replace('/', '.'), methodName(visit.method().name),
                sourceFile(owner), line, message, replacement, visit.isRoot() ? "" : visit.rootLabel(),
                suppressedBecause);
        findings.putIfAbsent(finding.location() + finding.rule() + finding.className() + finding.method()
                + finding.message(), finding);
    }

    private static boolean isLambda(InvokeDynamicInsnNode indy) {
        return indy.bsm.getOwner().equals(LAMBDA_FACTORY) && indy.bsmArgs.length >= 2
                && indy.bsmArgs[1] instanceof Handle;
    }

    private static String functionalInterface(InvokeDynamicInsnNode indy) {
        return Type.getReturnType(indy.desc).getInternalName();
    }

    private static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
            if (at instanceof LineNumberNode number) {
                return number.line;
            }
        }
        return 0;
    }

    /** @return {@code run}, or {@code lambda in run} for the synthetic body of a lambda written in run */
    static String methodName(String name) {
        if (name.startsWith("lambda$")) {
            String[] parts = name.split("\\$");
            if (parts.length < 2) {
                return name;
            }
            return switch (parts[1]) {
                case "static" -> "lambda in a static initializer";
                case "new" -> "lambda in a constructor";
                default -> "lambda in " + parts[1];
            };
        }
        return name;
    }

    /** @return {@code Nightly$1}: the class's name without its package */
    static String display(ClassNode node) {
        return node.name.substring(node.name.lastIndexOf('/') + 1);
    }

    /** @return {@code com/acme/Nightly.java}: the source file with its package's folders */
    static String sourceFile(ClassNode node) {
        int slash = node.name.lastIndexOf('/');
        String folder = slash < 0 ? "" : node.name.substring(0, slash + 1);
        return folder + (node.sourceFile != null ? node.sourceFile : display(node) + ".class");
    }
}
