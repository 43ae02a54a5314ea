package dev.baton.lint;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds where a method iterates a hash-ordered collection ({@link Rule#UNORDERED_ITERATION}).
 *
 * <p>A data-flow pass over the method's bytecode follows which values hold such a collection: a
 * {@code new HashMap/HashSet/...}, a {@code Set.of}/{@code Map.of} (whose order changes from one
 * JVM start to the next), a {@code Collectors.toSet()/toMap()/groupingBy(...)} result, a field,
 * parameter or return value declared with a hash type, and what is derived from them in order:
 * {@code keySet()}, {@code values()}, {@code entrySet()}, streams, copies into lists. Sorting
 * ({@code sorted()}, {@code Collections.sort}, {@code List.sort}, {@code new TreeSet<>(...)})
 * ends it. The places where the order is observed are the findings: iterators, {@code forEach},
 * {@code toArray}, {@code findFirst}, {@code reduce}, indexing a copied list, joining into a string,
 * handing the items to {@code flow.forEach}, whose item steps are named by position, and any
 * call that runs a lambda capturing the {@code Flow} for each element ({@code stream().map(r ->
 * flow.step(...))}, {@code removeIf}, ...).
 */
final class UnorderedIteration {

    /** The hash-ordered types, whose iteration order is not something to rely on. */
    private static final Set<String> UNORDERED_TYPES = Set.of("java/util/HashMap", "java/util/HashSet",
            "java/util/Hashtable", "java/util/WeakHashMap", "java/util/IdentityHashMap",
            "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentHashMap$KeySetView");
    /** Collections whose copy constructor keeps the order of what they copy. */
    private static final Set<String> ORDER_KEEPING_COPIES = Set.of("java/util/ArrayList", "java/util/LinkedList",
            "java/util/ArrayDeque", "java/util/LinkedHashSet", "java/util/LinkedHashMap", "java/util/Vector",
            "java/util/concurrent/CopyOnWriteArrayList", "java/util/HashSet", "java/util/HashMap");
    private static final Set<String> UNORDERED_FACTORIES = Set.of("java/util/Set.of", "java/util/Set.copyOf",
            "java/util/Map.of", "java/util/Map.copyOf", "java/util/Map.ofEntries",
            "java/util/stream/Collectors.toSet", "java/util/stream/Collectors.toUnmodifiableSet",
            "java/util/stream/Collectors.toConcurrentMap", "java/util/stream/Collectors.groupingByConcurrent");
    private static final Set<String> COLLECTION_SINKS = Set.of("iterator", "forEach", "toArray", "spliterator",
            "listIterator", "getFirst", "getLast", "removeFirst", "removeLast", "subList", "keys", "elements",
            "toString");
    private static final Set<String> STREAM_SINKS = Set.of("forEach", "forEachOrdered", "iterator", "spliterator",
            "toArray", "findFirst", "reduce");
    private static final Set<String> SORTING = Set.of("sorted", "sort");
    /** Map methods that run their lambda for one key, not for each element. */
    private static final Set<String> ONE_KEY = Set.of("computeIfAbsent", "computeIfPresent", "compute", "merge");
    /** Methods whose result shows the receiver's elements in the receiver's order. */
    private static final Set<String> VIEWS = Set.of("keySet", "values", "entrySet", "stream", "parallelStream",
            "navigableKeySet", "reversed", "sequencedKeySet", "sequencedValues", "sequencedEntrySet");

    private UnorderedIteration() {
    }

    /**
     * @param owner  the internal name of the method's class
     * @param method the method
     * @return each instruction that observes the order of a hash-ordered collection, with what it
     * observes; in instruction order. Empty when the method has no code or cannot be analysed.
     */
    static Map<AbstractInsnNode, String> find(String owner, MethodNode method) {
        Map<AbstractInsnNode, String> found = new LinkedHashMap<>();
        if (method.instructions.size() == 0) {
            return found;
        }
        try {
            new TrackingAnalyzer(new Tracker(found)).analyze(owner, method);
        } catch (AnalyzerException | RuntimeException e) {
            // Bytecode the analyser does not accept (rare, hand-made classes): no finding rather than a crash.
            return Map.of();
        }
        Map<AbstractInsnNode, String> ordered = new LinkedHashMap<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (found.containsKey(insn)) {
                ordered.put(insn, found.get(insn));
            }
        }
        return ordered;
    }

    /**
     * A value in the data-flow pass: its basic kind and, when it holds or derives from a
     * hash-ordered collection, where that came from.
     */
    static final class Tracked implements Value {
        final BasicValue basic;
        final String origin;
        /** Whether the value is a lambda that captured the Flow, so that calling it makes durable calls. */
        final boolean usesFlow;

        Tracked(BasicValue basic, String origin) {
            this(basic, origin, false);
        }

        Tracked(BasicValue basic, String origin, boolean usesFlow) {
            this.basic = basic;
            this.origin = origin;
            this.usesFlow = usesFlow;
        }

        @Override
        public int getSize() {
            return basic.getSize();
        }

        boolean unordered() {
            return origin != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tracked t && Objects.equals(basic, t.basic) && Objects.equals(origin, t.origin)
                    && usesFlow == t.usesFlow;
        }

        @Override
        public int hashCode() {
            return Objects.hash(basic, origin, usesFlow);
        }
    }

    /** Computes the values; records the places that observe an unordered one. */
    static final class Tracker extends Interpreter<Tracked> {
        private final BasicInterpreter basic = new BasicInterpreter();
        private final Map<AbstractInsnNode, String> found;

        Tracker(Map<AbstractInsnNode, String> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        private Tracked wrap(BasicValue value, String origin) {
            return value == null ? null : new Tracked(value, origin);
        }

        private static String originOfType(Type type) {
            if (type == null || type.getSort() != Type.OBJECT) {
                return null;
            }
            String name = type.getInternalName();
            return UNORDERED_TYPES.contains(name) ? "a " + simple(name) : null;
        }

        @Override
        public Tracked newValue(Type type) {
            return wrap(basic.newValue(type), originOfType(type));
        }

        @Override
        public Tracked newOperation(AbstractInsnNode insn) throws AnalyzerException {
            BasicValue value = basic.newOperation(insn);
            if (insn.getOpcode() == Opcodes.NEW) {
                return wrap(value, originOfType(Type.getObjectType(((TypeInsnNode) insn).desc)));
            }
            if (insn.getOpcode() == Opcodes.GETSTATIC) {
                return wrap(value, originOfType(Type.getType(((FieldInsnNode) insn).desc)));
            }
            return wrap(value, null);
        }

        @Override
        public Tracked copyOperation(AbstractInsnNode insn, Tracked value) throws AnalyzerException {
            return value;
        }

        @Override
        public Tracked unaryOperation(AbstractInsnNode insn, Tracked value) throws AnalyzerException {
            BasicValue result = basic.unaryOperation(insn, value.basic);
            if (insn.getOpcode() == Opcodes.CHECKCAST) {
                String cast = originOfType(Type.getObjectType(((TypeInsnNode) insn).desc));
                return wrap(result, value.origin != null ? value.origin : cast);
            }
            if (insn.getOpcode() == Opcodes.GETFIELD) {
                return wrap(result, originOfType(Type.getType(((FieldInsnNode) insn).desc)));
            }
            return wrap(result, null);
        }

        @Override
        public Tracked binaryOperation(AbstractInsnNode insn, Tracked value1, Tracked value2) throws AnalyzerException {
            return wrap(basic.binaryOperation(insn, value1.basic, value2.basic), null);
        }

        @Override
        public Tracked ternaryOperation(AbstractInsnNode insn, Tracked value1, Tracked value2, Tracked value3)
                throws AnalyzerException {
            return wrap(basic.ternaryOperation(insn, value1.basic, value2.basic, value3.basic), null);
        }

        @Override
        public Tracked naryOperation(AbstractInsnNode insn, List<? extends Tracked> values) throws AnalyzerException {
            List<BasicValue> basics = values.stream().map(v -> v.basic).toList();
            BasicValue result = basic.naryOperation(insn, basics);
            if (insn instanceof MethodInsnNode call) {
                return wrap(result, callResult(call, values));
            }
            if (insn instanceof InvokeDynamicInsnNode indy && capturesFlow(indy)) {
                return new Tracked(result, null, true);
            }
            if (insn instanceof InvokeDynamicInsnNode indy && isStringConcat(indy)) {
                for (Tracked value : values) {
                    if (value.unordered()) {
                        found.put(insn, "builds a string from " + value.origin);
                    }
                }
            }
            return wrap(result, null);
        }

        /** @return the origin of the call's result, recording the call when it observes an order */
        private String callResult(MethodInsnNode call, List<? extends Tracked> values) {
            boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
            Tracked receiver = isStatic || values.isEmpty() ? null : values.get(0);
            Type returns = Type.getReturnType(call.desc);
            String ownerName = call.owner;
            boolean receiverUnordered = receiver != null
                    && (receiver.unordered() || UNORDERED_TYPES.contains(ownerName));
            String receiverOrigin = receiver == null ? null
                    : receiver.origin != null ? receiver.origin : "a " + simple(ownerName);
            if (receiverUnordered && !call.name.equals("<init>")) {
                boolean stream = ownerName.startsWith("java/util/stream/");
                if (stream ? STREAM_SINKS.contains(call.name)
                        : COLLECTION_SINKS.contains(call.name) || isListIndexing(call)) {
                    found.put(call, observes(call.name).formatted(receiverOrigin));
                    return null;
                }
                if (!ONE_KEY.contains(call.name) && values.stream().skip(1).anyMatch(v -> v.usesFlow)) {
                    found.put(call, "makes durable calls from a lambda run for each element of " + receiverOrigin);
                    return stream && isStream(returns) ? receiverOrigin : null;
                }
                if (stream && !SORTING.contains(call.name)
                        && (isStream(returns) || call.name.equals("collect") || call.name.equals("toList"))) {
                    return receiverOrigin;
                }
                if (!stream && VIEWS.contains(call.name)) {
                    return receiverOrigin;
                }
            }
            if (isStatic && UNORDERED_FACTORIES.contains(ownerName + "." + call.name)) {
                return simple(ownerName) + "." + call.name + "(...)";
            }
            if (isStatic && ownerName.equals("java/util/stream/Collectors")) {
                int args = Type.getArgumentTypes(call.desc).length;
                if ((call.name.equals("toMap") && args <= 3) || (call.name.equals("groupingBy") && args <= 2)) {
                    return "Collectors." + call.name + "(...)";
                }
            }
            if (isStatic && (ownerName.equals("java/util/List") || ownerName.equals("java/util/Set"))
                    && call.name.equals("copyOf") && !values.isEmpty() && values.get(0).unordered()) {
                return values.get(0).origin;
            }
            if (isStatic && ownerName.equals("java/lang/String") && call.name.equals("join")
                    && values.size() == 2 && values.get(1).unordered()) {
                found.put(call, "joins the elements of " + values.get(1).origin);
                return null;
            }
            if (!isStatic && ownerName.equals("dev/baton/Flow") && call.name.equals("forEach")
                    && values.size() > 2 && values.get(2).unordered()) {
                found.put(call, "hands flow.forEach the items of " + values.get(2).origin
                        + " (item steps are named by position)");
                return originOfType(returns);
            }
            if (isToText(call) && values.get(values.size() - 1).unordered()) {
                found.put(call, "turns " + values.get(values.size() - 1).origin + " into text");
                return null;
            }
            if (!isStatic && call.name.equals("collect") && values.size() >= 2 && values.get(1).unordered()
                    && returnsContainer(returns)) {
                return values.get(1).origin;
            }
            return originOfType(returns);
        }

        /** @return whether the call turns its last argument, an object, into text */
        private static boolean isToText(MethodInsnNode call) {
            boolean objectArg = call.desc.startsWith("(Ljava/lang/Object;)");
            return objectArg && ((call.owner.equals("java/lang/String") && call.name.equals("valueOf"))
                    || (call.owner.equals("java/util/Objects") && call.name.equals("toString"))
                    || (call.owner.equals("java/lang/StringBuilder") && call.name.equals("append")));
        }

        private static boolean isListIndexing(MethodInsnNode call) {
            boolean list = call.owner.equals("java/util/List") || call.owner.equals("java/util/ArrayList")
                    || call.owner.equals("java/util/LinkedList") || call.owner.equals("java/util/Vector");
            return list && call.name.equals("get");
        }

        private static boolean returnsContainer(Type returns) {
            if (returns.getSort() != Type.OBJECT) {
                return false;
            }
            String name = returns.getInternalName();
            return name.startsWith("java/util/") || name.equals("java/lang/Iterable") || name.equals("java/lang/Object");
        }

        private static boolean isStream(Type returns) {
            return returns.getSort() == Type.OBJECT && returns.getInternalName().startsWith("java/util/stream/")
                    && returns.getInternalName().endsWith("Stream");
        }

        /** @return what a call that observes the order does, with %s for the collection */
        private static String observes(String method) {
            return switch (method) {
                case "iterator", "listIterator", "spliterator" -> "iterates over %s";
                case "forEach", "forEachOrdered" -> "runs forEach over %s";
                case "toArray" -> "copies %s into an array";
                case "toString" -> "turns %s into text";
                case "get", "getFirst", "getLast", "removeFirst", "removeLast", "subList" ->
                        "picks elements by position from %s";
                default -> "depends on the order of %s";
            };
        }

        /** @return whether the call site makes a lambda that captures the Flow */
        private static boolean capturesFlow(InvokeDynamicInsnNode indy) {
            if (!indy.bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")) {
                return false;
            }
            for (Type captured : Type.getArgumentTypes(indy.desc)) {
                if (captured.getDescriptor().equals("Ldev/baton/Flow;")) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isStringConcat(InvokeDynamicInsnNode indy) {
            Handle bsm = indy.bsm;
            return bsm.getOwner().equals("java/lang/invoke/StringConcatFactory");
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, Tracked value, Tracked expected) {
            // Returning a hash-ordered collection observes nothing by itself.
        }

        @Override
        public Tracked merge(Tracked value1, Tracked value2) {
            BasicValue merged = basic.merge(value1.basic, value2.basic);
            String origin = value1.origin != null ? value1.origin : value2.origin;
            Tracked result = new Tracked(merged, origin, value1.usesFlow || value2.usesFlow);
            return result.equals(value1) ? value1 : result;
        }
    }

    /**
     * Frames that also follow what a call does to its receiver or argument in place: a copy
     * constructor or {@code addAll} that fills a list from a hash-ordered collection makes the
     * list unordered; {@code sort} makes it ordered.
     */
    static final class TrackingFrame extends Frame<Tracked> {
        TrackingFrame(int numLocals, int maxStack) {
            super(numLocals, maxStack);
        }

        TrackingFrame(Frame<? extends Tracked> frame) {
            super(frame);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<Tracked> interpreter) throws AnalyzerException {
            if (!(insn instanceof MethodInsnNode call)) {
                super.execute(insn, interpreter);
                return;
            }
            int args = Type.getArgumentTypes(call.desc).length;
            boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
            int first = getStackSize() - args - (isStatic ? 0 : 1);
            Tracked receiver = isStatic ? null : getStack(first);
            Tracked firstArg = args > 0 ? getStack(first + (isStatic ? 0 : 1)) : null;
            super.execute(insn, interpreter);
            if (receiver != null && call.name.equals("<init>") && ORDER_KEEPING_COPIES.contains(call.owner)
                    && firstArg != null && firstArg.unordered()) {
                replace(receiver, new Tracked(receiver.basic, firstArg.origin));
            } else if (receiver != null && (call.name.equals("addAll") || call.name.equals("putAll"))
                    && firstArg != null && firstArg.unordered() && !receiver.unordered()) {
                replace(receiver, new Tracked(receiver.basic, firstArg.origin));
            } else if (receiver != null && call.name.equals("sort") && receiver.unordered()) {
                replace(receiver, new Tracked(receiver.basic, null));
            } else if (isStatic && call.owner.equals("java/util/Collections") && call.name.equals("sort")
                    && firstArg != null && firstArg.unordered()) {
                replace(firstArg, new Tracked(firstArg.basic, null));
            }
        }

        /** Replaces every copy of a value (the same object: DUPs and loads of one value) in this frame. */
        private void replace(Tracked value, Tracked with) {
            for (int i = 0; i < getLocals(); i++) {
                if (getLocal(i) == value) {
                    setLocal(i, with);
                }
            }
            for (int i = 0; i < getStackSize(); i++) {
                if (getStack(i) == value) {
                    setStack(i, with);
                }
            }
        }
    }

    /** An analyser whose frames are {@link TrackingFrame}s. */
    static final class TrackingAnalyzer extends Analyzer<Tracked> {
        TrackingAnalyzer(Tracker tracker) {
            super(tracker);
        }

        @Override
        protected Frame<Tracked> newFrame(int numLocals, int numStack) {
            return new TrackingFrame(numLocals, numStack);
        }

        @Override
        protected Frame<Tracked> newFrame(Frame<? extends Tracked> frame) {
            return new TrackingFrame(frame);
        }
    }

    static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
    }
}
