package dev.baton.lint;

import org.objectweb.asm.Type;

import java.util.Set;

/**
 * The calls that break replay when a workflow method makes them directly: the table behind the
 * rules other than {@link Rule#UNORDERED_ITERATION}. It looks at a call's owner type, name and
 * descriptor as the bytecode has them.
 */
final class ForbiddenCalls {

    /**
     * A forbidden call.
     *
     * @param rule        the rule it breaks
     * @param message     what the call does and why that breaks replay
     * @param replacement what to write instead
     */
    record Violation(Rule rule, String message, String replacement) {
        Violation(Rule rule, String message) {
            this(rule, message, rule.replacement());
        }
    }

    private static final Set<String> CLOCK_TYPES = Set.of("java/time/Instant", "java/time/LocalDate",
            "java/time/LocalDateTime", "java/time/LocalTime", "java/time/ZonedDateTime", "java/time/OffsetDateTime",
            "java/time/OffsetTime", "java/time/Year", "java/time/YearMonth", "java/time/MonthDay");
    private static final Set<String> CLOCK_FACTORIES = Set.of("system", "systemUTC", "systemDefaultZone",
            "tickMillis", "tickSeconds", "tickMinutes", "tick");
    private static final Set<String> EXECUTOR_TYPES = Set.of("java/util/concurrent/Executor",
            "java/util/concurrent/ExecutorService", "java/util/concurrent/ScheduledExecutorService",
            "java/util/concurrent/AbstractExecutorService", "java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ScheduledThreadPoolExecutor", "java/util/concurrent/ForkJoinPool",
            "java/util/concurrent/CompletionService", "java/util/concurrent/ExecutorCompletionService");
    private static final Set<String> EXECUTOR_METHODS = Set.of("submit", "execute", "invokeAll", "invokeAny",
            "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay", "invoke");
    private static final Set<String> STREAM_TYPES = Set.of("java/util/stream/Stream", "java/util/stream/IntStream",
            "java/util/stream/LongStream", "java/util/stream/DoubleStream", "java/util/stream/BaseStream");
    /** java.io types that only touch memory, or print to the console, which replay may repeat. */
    private static final Set<String> IN_MEMORY_IO = Set.of("java/io/StringReader", "java/io/StringWriter",
            "java/io/ByteArrayInputStream", "java/io/ByteArrayOutputStream", "java/io/CharArrayReader",
            "java/io/CharArrayWriter", "java/io/PrintStream", "java/io/PrintWriter", "java/io/Serializable",
            "java/io/Closeable", "java/io/Flushable", "java/io/ObjectStreamException");
    private static final Set<String> FILE_OPENERS = Set.of("java/io/FileInputStream", "java/io/FileOutputStream",
            "java/io/FileReader", "java/io/FileWriter", "java/io/RandomAccessFile");
    /** Methods of java.io.File that only compute with the path. */
    private static final Set<String> FILE_PATH_METHODS = Set.of("getName", "getPath", "getParent", "getParentFile",
            "toPath", "toString", "equals", "hashCode", "compareTo", "isAbsolute", "getAbsolutePath",
            "getAbsoluteFile", "toURI");
    private static final Set<String> SOCKET_TYPES = Set.of("java/net/Socket", "java/net/ServerSocket",
            "java/net/DatagramSocket", "java/net/MulticastSocket", "java/net/URLConnection",
            "java/net/HttpURLConnection", "java/net/JarURLConnection", "java/net/http/WebSocket");
    private static final Set<String> DNS_METHODS = Set.of("getByName", "getAllByName", "getLocalHost",
            "getLoopbackAddress", "isReachable", "getHostName", "getCanonicalHostName");
    private static final Set<String> JDBC_VALUE_TYPES = Set.of("java/sql/Timestamp", "java/sql/Date", "java/sql/Time",
            "java/sql/Types", "java/sql/JDBCType");

    private ForbiddenCalls() {
    }

    /**
     * @param owner the internal name of the type the call names
     * @param name  the method's name ({@code <init>} for a constructor)
     * @param desc  the method's descriptor
     * @return what the call breaks, or null when it is fine in a workflow method
     */
    static Violation check(String owner, String name, String desc) {
        Violation violation = wallClock(owner, name, desc);
        if (violation == null) {
            violation = random(owner, name, desc);
        }
        if (violation == null) {
            violation = thread(owner, name, desc);
        }
        if (violation == null) {
            violation = sleep(owner, name, desc);
        }
        if (violation == null) {
            violation = blockingIo(owner, name, desc);
        }
        return violation;
    }

    private static Violation wallClock(String owner, String name, String desc) {
        String call = display(owner, name, desc);
        String because = "reads the wall clock with " + call + ": a replay sees another time";
        if (owner.equals("java/lang/System") && (name.equals("currentTimeMillis") || name.equals("nanoTime"))) {
            return new Violation(Rule.WALL_CLOCK, because);
        }
        if (CLOCK_TYPES.contains(owner) && name.equals("now")) {
            return new Violation(Rule.WALL_CLOCK, because);
        }
        if ((owner.equals("java/time/Clock") || owner.equals("java/time/InstantSource"))
                && (CLOCK_FACTORIES.contains(name) || name.equals("instant") || name.equals("millis"))) {
            return new Violation(Rule.WALL_CLOCK, because);
        }
        if ((owner.equals("java/util/Date") || owner.equals("java/util/GregorianCalendar"))
                && name.equals("<init>") && desc.equals("()V")) {
            return new Violation(Rule.WALL_CLOCK, because);
        }
        if (owner.equals("java/util/Calendar") && name.equals("getInstance")) {
            return new Violation(Rule.WALL_CLOCK, because);
        }
        return null;
    }

    private static Violation random(String owner, String name, String desc) {
        String because = "draws random values with " + display(owner, name, desc) + ": a replay draws different ones";
        if ((owner.equals("java/lang/Math") || owner.equals("java/lang/StrictMath")) && name.equals("random")) {
            return new Violation(Rule.RANDOM, because, "flow.random().nextDouble()");
        }
        if (owner.equals("java/util/UUID") && name.equals("randomUUID")) {
            return new Violation(Rule.RANDOM, because, "flow.uuid()");
        }
        if ((owner.equals("java/util/Random") || owner.equals("java/util/SplittableRandom"))
                && name.equals("<init>") && desc.equals("()V")) {
            return new Violation(Rule.RANDOM, because, "flow.random()");
        }
        if (owner.equals("java/util/concurrent/ThreadLocalRandom") && name.equals("current")) {
            return new Violation(Rule.RANDOM, because, "flow.random()");
        }
        if (owner.equals("java/security/SecureRandom") && (name.equals("<init>") || name.startsWith("getInstance"))) {
            return new Violation(Rule.RANDOM, because + " (and secrets belong in a step)",
                    "flow.random(), or a step for key material");
        }
        if (owner.equals("java/util/random/RandomGenerator") && (name.equals("getDefault") || name.equals("of"))) {
            return new Violation(Rule.RANDOM, because, "flow.random()");
        }
        if (owner.equals("java/util/Collections") && name.equals("shuffle") && desc.equals("(Ljava/util/List;)V")) {
            return new Violation(Rule.RANDOM, because, "Collections.shuffle(list, flow.random())");
        }
        return null;
    }

    private static Violation thread(String owner, String name, String desc) {
        String call = display(owner, name, desc);
        if (owner.equals("java/lang/Thread") && (name.equals("<init>") || name.equals("start")
                || name.equals("startVirtualThread") || name.equals("ofPlatform") || name.equals("ofVirtual"))) {
            return new Violation(Rule.THREAD, "starts a thread with " + call + ": its work is not recorded and "
                    + "may call Flow from the wrong thread");
        }
        if (owner.startsWith("java/lang/Thread$Builder") && (name.startsWith("start") || name.equals("unstarted"))) {
            return new Violation(Rule.THREAD, "starts a thread with " + call + ": its work is not recorded");
        }
        if (owner.equals("java/util/concurrent/Executors") && name.startsWith("new")) {
            return new Violation(Rule.THREAD, "creates a thread pool with " + call + ": work handed to it is not recorded");
        }
        if (EXECUTOR_TYPES.contains(owner) && EXECUTOR_METHODS.contains(name)) {
            return new Violation(Rule.THREAD, "hands work to an executor with " + call + ": it is not recorded "
                    + "and finishes in an order replay cannot repeat");
        }
        if (owner.equals("java/util/concurrent/CompletableFuture") && name.endsWith("Async")) {
            return new Violation(Rule.THREAD, "runs work on another thread with " + call + ": it is not recorded");
        }
        if (owner.equals("java/util/concurrent/StructuredTaskScope") && name.equals("fork")) {
            return new Violation(Rule.THREAD, "forks a subtask with " + call + ": it is not recorded");
        }
        if (name.equals("parallelStream") && owner.startsWith("java/util/")) {
            return new Violation(Rule.THREAD, "starts a parallel stream with " + call + ": its work runs on other "
                    + "threads, unrecorded", "a sequential stream(), or flow.forEach(...) for durable parallel work");
        }
        if (name.equals("parallel") && STREAM_TYPES.contains(owner)) {
            return new Violation(Rule.THREAD, "makes a stream parallel with " + call + ": its work runs on other "
                    + "threads, unrecorded", "a sequential stream, or flow.forEach(...) for durable parallel work");
        }
        if (owner.equals("java/util/Timer") && (name.equals("<init>") || name.startsWith("schedule"))) {
            return new Violation(Rule.THREAD, "schedules work on a timer thread with " + call + ": it is not recorded",
                    "flow.sleep(Duration) followed by a step");
        }
        return null;
    }

    private static Violation sleep(String owner, String name, String desc) {
        String call = display(owner, name, desc);
        if ((owner.equals("java/lang/Thread") && name.equals("sleep"))
                || (owner.equals("java/util/concurrent/TimeUnit") && name.equals("sleep"))) {
            return new Violation(Rule.SLEEP, "sleeps with " + call + ": the wait is not durable, a restart "
                    + "starts it over and the run holds its thread", "flow.sleep(Duration)");
        }
        if (owner.equals("java/util/concurrent/locks/LockSupport") && name.startsWith("park")) {
            return new Violation(Rule.SLEEP, "parks the workflow thread with " + call + ": the wait is not durable");
        }
        if (name.equals("wait") && (desc.equals("()V") || desc.equals("(J)V") || desc.equals("(JI)V"))) {
            return new Violation(Rule.SLEEP, "waits on a monitor with " + call + ": the wait is not durable",
                    "flow.awaitSignal(...) or flow.sleep(Duration)");
        }
        return null;
    }

    private static Violation blockingIo(String owner, String name, String desc) {
        String call = display(owner, name, desc);
        if (name.equals("close")) {
            return null; // opening the resource is the finding; closing it adds nothing
        }
        if (owner.startsWith("java/io/")) {
            return javaIo(owner, name, desc, call);
        }
        if (owner.equals("java/nio/file/Files") || owner.startsWith("java/nio/channels/")
                || (owner.equals("java/nio/file/Path") && (name.equals("toRealPath") || name.equals("register")))) {
            return io("touches the file system with " + call);
        }
        if (SOCKET_TYPES.contains(owner)) {
            return io("uses the network with " + call);
        }
        if (owner.equals("java/net/URL") && (name.equals("openConnection") || name.equals("openStream")
                || name.equals("getContent"))) {
            return io("uses the network with " + call);
        }
        if (owner.equals("java/net/InetAddress") && DNS_METHODS.contains(name)) {
            return io("asks the name service with " + call);
        }
        if (owner.equals("java/net/http/HttpClient") && (name.equals("send") || name.equals("sendAsync"))) {
            return io("sends an HTTP request with " + call);
        }
        if ((owner.startsWith("java/sql/") && !JDBC_VALUE_TYPES.contains(owner) && !isThrowableName(owner))
                || (owner.equals("javax/sql/DataSource") && name.equals("getConnection"))) {
            return io("talks to a database with " + call);
        }
        if ((owner.equals("java/lang/ProcessBuilder") && name.equals("start"))
                || (owner.equals("java/lang/Runtime") && name.equals("exec"))
                || (owner.equals("java/lang/Process") && name.equals("waitFor"))) {
            return io("runs a process with " + call);
        }
        return null;
    }

    private static Violation javaIo(String owner, String name, String desc, String call) {
        if (IN_MEMORY_IO.contains(owner) || isThrowableName(owner) || name.equals("close")) {
            if (name.equals("<init>") && (owner.equals("java/io/PrintWriter") || owner.equals("java/io/PrintStream"))
                    && (desc.startsWith("(Ljava/lang/String;") || desc.startsWith("(Ljava/io/File;"))) {
                return io("opens a file with " + call);
            }
            return null;
        }
        if (name.equals("<init>")) {
            return FILE_OPENERS.contains(owner) ? io("opens a file with " + call) : null;
        }
        if (owner.equals("java/io/File")) {
            return FILE_PATH_METHODS.contains(name) ? null
                    : io("touches the file system with " + call);
        }
        return io("does I/O with " + call);
    }

    private static Violation io(String what) {
        return new Violation(Rule.BLOCKING_IO, what + ": a replay does it again and may see another result");
    }

    private static boolean isThrowableName(String owner) {
        return owner.endsWith("Exception") || owner.endsWith("Error") || owner.endsWith("Warning");
    }

    /** @return {@code Instant.now()}, {@code new Random()}: a call as it reads in source */
    static String display(String owner, String name, String desc) {
        String simple = owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
        String args = Type.getArgumentTypes(desc).length == 0 ? "()" : "(...)";
        return name.equals("<init>") ? "new " + simple + args : simple + "." + name + args;
    }
}
