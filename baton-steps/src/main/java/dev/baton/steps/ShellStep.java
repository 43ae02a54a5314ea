package dev.baton.steps;

import dev.baton.NonRetryable;
import dev.baton.Step;
import dev.baton.StepContext;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A shell-command step: pass it to {@code flow.step(name, options, step)}. Create it with
 * {@link Shell#command} or {@link Shell#script}. Immutable: every setting returns a validated
 * copy, and an invalid setting fails at once with a message naming the field and the value.
 *
 * <h2>What one attempt does</h2>
 * <ol>
 *   <li>Resolves the {@link Secret}s in arguments and environment through
 *       {@link StepContext#secret(String)}; their values are masked in everything the step logs,
 *       returns or throws.</li>
 *   <li>Starts the program in the working directory with the worker's environment, the
 *       configured variables, and {@code BATON_RUN_ID}, {@code BATON_STEP},
 *       {@code BATON_IDEMPOTENCY_KEY} and {@code BATON_ATTEMPT}. The idempotency key is the same
 *       on every attempt, including one executed again after a crash (execution is
 *       at-least-once), so the command can recognise work it already did.</li>
 *   <li>Streams stdout and stderr line by line into the step's log while the command runs
 *       (streams {@code stdout} and {@code stderr}), up to {@link #logLimitBytes} per attempt;
 *       after that a single line says the log was truncated. The last
 *       {@link #outputSummaryBytes} of each stream are kept for the {@link ShellResult}.</li>
 *   <li>Maps the exit code: a {@linkplain #successCodes success code} returns the
 *       {@link ShellResult}; any other code throws {@link ExitCodeException}, retried under the
 *       step's {@code Retry} policy when the code is {@linkplain #retryableCodes retryable}, or
 *       {@link FatalExitCodeException} ({@link NonRetryable}) when it is not. The message names
 *       the command (secrets masked), the exit code and the last lines of stderr.</li>
 * </ol>
 *
 * <h2>Timeouts and cancellation</h2>
 * When the attempt passes the step's timeout ({@code StepOptions.withTimeout}) or this step's
 * own {@link #timeout}, or the run is cancelled, the whole process tree is terminated: TERM to
 * the process and every descendant, then KILL to those still alive after the
 * {@link #terminationGrace} (default 10 s). No descendant is left behind.
 *
 * <h2>Defaults</h2>
 * Success code 0, every other code retryable, the worker's environment inherited, the worker's
 * working directory, empty standard input, no timeout of its own, 10 s termination grace, 16 KiB
 * output summary per stream, 4 MiB of log per attempt, UTF-8, a program that cannot be started
 * is not retried.
 */
public final class ShellStep implements Step<ShellResult> {
    /** Default bytes of each stream kept in the {@link ShellResult}: 16 KiB. */
    public static final int DEFAULT_OUTPUT_SUMMARY_BYTES = 16 * 1024;
    /**
     * Default bytes of output logged per attempt: 4 MiB, below the engine's own cap of 8 MiB per
     * attempt, so that the step's notice (which says where the rest is) is the one that shows.
     */
    public static final long DEFAULT_LOG_LIMIT_BYTES = 4L * 1024 * 1024;
    /** Default wait between TERM and KILL: 10 s. */
    public static final Duration DEFAULT_TERMINATION_GRACE = Duration.ofSeconds(10);
    /** Environment variables the step sets itself, which cannot be configured. */
    public static final Set<String> RESERVED_ENVIRONMENT = Set.of(
            "BATON_RUN_ID", "BATON_STEP", "BATON_IDEMPOTENCY_KEY", "BATON_ATTEMPT");

    private List<Value> command;
    private boolean script;
    private Map<String, Value> environment = Map.of();
    private boolean inheritEnvironment = true;
    private Path workingDirectory;
    private String stdin;
    private Path stdinFile;
    private ExitCodePolicy exitCodes = ExitCodePolicy.DEFAULT;
    private Duration timeout;
    private Duration terminationGrace = DEFAULT_TERMINATION_GRACE;
    private int outputSummaryBytes = DEFAULT_OUTPUT_SUMMARY_BYTES;
    private long logLimitBytes = DEFAULT_LOG_LIMIT_BYTES;
    private boolean retryLaunchFailures;
    private Charset charset = StandardCharsets.UTF_8;

    private ShellStep() {
    }

    static ShellStep of(String programOrScript, Object[] args, boolean script) {
        ShellStep step = new ShellStep();
        List<Value> command = new ArrayList<>();
        if (script) {
            command.add(new Value.Literal(Shell.SHELL));
            command.add(new Value.Literal("-c"));
            command.add(new Value.Literal(programOrScript));
            command.add(new Value.Literal("sh"));
        } else {
            command.add(new Value.Literal(programOrScript));
        }
        step.command = List.copyOf(command);
        step.script = script;
        return step.withArgs(args);
    }

    private ShellStep copy() {
        ShellStep copy = new ShellStep();
        copy.command = command;
        copy.script = script;
        copy.environment = environment;
        copy.inheritEnvironment = inheritEnvironment;
        copy.workingDirectory = workingDirectory;
        copy.stdin = stdin;
        copy.stdinFile = stdinFile;
        copy.exitCodes = exitCodes;
        copy.timeout = timeout;
        copy.terminationGrace = terminationGrace;
        copy.outputSummaryBytes = outputSummaryBytes;
        copy.logLimitBytes = logLimitBytes;
        copy.retryLaunchFailures = retryLaunchFailures;
        copy.charset = charset;
        return copy;
    }

    /**
     * @param more arguments appended to the command: {@link String}s, {@link Secret}s, or other
     *             objects (their {@code toString()})
     * @return a copy
     * @throws IllegalArgumentException when an argument is null
     */
    public ShellStep args(Object... more) {
        return withArgs(more);
    }

    private ShellStep withArgs(Object[] more) {
        Objects.requireNonNull(more, "args");
        List<Value> next = new ArrayList<>(command);
        for (Object arg : more) {
            next.add(Value.of(arg, "args[" + (next.size() - (script ? 4 : 1)) + "]"));
        }
        ShellStep copy = copy();
        copy.command = List.copyOf(next);
        return copy;
    }

    /**
     * @param name  an environment variable's name
     * @param value its value
     * @return a copy with the variable set (replacing an inherited one of that name)
     * @throws IllegalArgumentException when the name is empty, contains {@code =}, or is one of
     *                                  {@link #RESERVED_ENVIRONMENT}
     */
    public ShellStep env(String name, String value) {
        return withEnv(name, Value.of(value, "env " + name));
    }

    /**
     * @param name  an environment variable's name
     * @param value a secret, resolved when the step executes
     * @return a copy with the variable set
     */
    public ShellStep env(String name, Secret value) {
        return withEnv(name, Value.of(value, "env " + name));
    }

    private ShellStep withEnv(String name, Value value) {
        if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("env name must be non-empty without '=' or NUL, was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (RESERVED_ENVIRONMENT.contains(name)) {
            throw new IllegalArgumentException("env " + name + " is set by the step itself and cannot be configured");
        }
        Map<String, Value> next = new LinkedHashMap<>(environment);
        next.put(name, value);
        ShellStep copy = copy();
        copy.environment = Collections.unmodifiableMap(next);
        return copy;
    }

    /**
     * @param value whether the command sees the worker's environment variables (default true);
     *              when false it sees only those set with {@link #env}, and Baton's own
     * @return a copy
     */
    public ShellStep inheritEnvironment(boolean value) {
        ShellStep copy = copy();
        copy.inheritEnvironment = value;
        return copy;
    }

    /**
     * @param value the folder the command runs in; default the worker's working directory. A
     *              folder that does not exist when the step executes fails the attempt with
     *              {@link CommandNotStartedException}.
     * @return a copy
     */
    public ShellStep workingDirectory(Path value) {
        ShellStep copy = copy();
        copy.workingDirectory = Objects.requireNonNull(value, "workingDirectory");
        return copy;
    }

    /**
     * @param text what the command reads on its standard input, encoded with {@link #charset};
     *             default nothing (standard input is closed at once)
     * @return a copy
     */
    public ShellStep stdin(String text) {
        ShellStep copy = copy();
        copy.stdin = Objects.requireNonNull(text, "stdin");
        copy.stdinFile = null;
        return copy;
    }

    /**
     * @param file a file the command reads as its standard input
     * @return a copy
     */
    public ShellStep stdinFrom(Path file) {
        ShellStep copy = copy();
        copy.stdinFile = Objects.requireNonNull(file, "stdinFrom");
        copy.stdin = null;
        return copy;
    }

    /**
     * @param codes the exit codes that mean success; default {@code 0}. A workflow can branch on
     *              {@link ShellResult#exitCode()}, e.g. {@code successCodes(0, 3)} where 3 means
     *              "nothing to do".
     * @return a copy
     * @throws IllegalArgumentException when empty, or when a code is also retryable or
     *                                  non-retryable
     */
    public ShellStep successCodes(int... codes) {
        ShellStep copy = copy();
        copy.exitCodes = exitCodes.withSuccess(codes);
        return copy;
    }

    /**
     * @param codes the failing exit codes worth another attempt; every other failing code ends
     *              the step at once with {@link FatalExitCodeException}. Default: every code that
     *              is not a success code is retryable (unless {@link #nonRetryableCodes}).
     * @return a copy
     * @throws IllegalArgumentException when empty, or when a code is also a success code or
     *                                  non-retryable
     */
    public ShellStep retryableCodes(int... codes) {
        ShellStep copy = copy();
        copy.exitCodes = exitCodes.withRetryable(codes);
        return copy;
    }

    /**
     * @param codes failing exit codes that end the step at once with
     *              {@link FatalExitCodeException} (e.g. 2 for bad usage); default none
     * @return a copy
     * @throws IllegalArgumentException when a code is also a success code or retryable
     */
    public ShellStep nonRetryableCodes(int... codes) {
        ShellStep copy = copy();
        copy.exitCodes = exitCodes.withNonRetryable(codes);
        return copy;
    }

    /**
     * A timeout of this command's own, besides the step's ({@code StepOptions.withTimeout}); the
     * shorter applies. Past it the process tree is terminated and the attempt fails with
     * {@link dev.baton.StepTimeoutException} (retryable).
     *
     * @param value the longest the command may run, &gt; 0
     * @return a copy
     */
    public ShellStep timeout(Duration value) {
        ShellStep copy = copy();
        copy.timeout = requirePositive(value, "timeout");
        return copy;
    }

    /**
     * @param value how long the processes have between TERM and KILL when the tree is terminated,
     *              &gt;= 0; default 10 s
     * @return a copy
     */
    public ShellStep terminationGrace(Duration value) {
        Objects.requireNonNull(value, "terminationGrace");
        if (value.isNegative()) {
            throw new IllegalArgumentException("terminationGrace must be >= 0, was " + value);
        }
        ShellStep copy = copy();
        copy.terminationGrace = value;
        return copy;
    }

    /**
     * @param bytes how much of the end of stdout and of stderr the {@link ShellResult} keeps,
     *              &gt;= 0; default 16 KiB. The result is checkpointed: keep it small.
     * @return a copy
     */
    public ShellStep outputSummaryBytes(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("outputSummaryBytes must be >= 0, was " + bytes);
        }
        ShellStep copy = copy();
        copy.outputSummaryBytes = bytes;
        return copy;
    }

    /**
     * @param bytes how much output (both streams) one attempt logs at most, &gt;= 0; default
     *              4 MiB. Past it one line says the log was truncated; the output summary keeps
     *              collecting. The engine stores at most 8 MiB per attempt whatever this says.
     * @return a copy
     */
    public ShellStep logLimitBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("logLimitBytes must be >= 0, was " + bytes);
        }
        ShellStep copy = copy();
        copy.logLimitBytes = bytes;
        return copy;
    }

    /**
     * @param value whether a command that cannot be started (program not found or not executable,
     *              working directory missing) is retried under the step's policy; default false:
     *              it fails at once with {@link FatalCommandNotStartedException}
     * @return a copy
     */
    public ShellStep retryLaunchFailures(boolean value) {
        ShellStep copy = copy();
        copy.retryLaunchFailures = value;
        return copy;
    }

    /**
     * @param value the encoding of the command's input and output; default UTF-8
     * @return a copy
     */
    public ShellStep charset(Charset value) {
        ShellStep copy = copy();
        copy.charset = Objects.requireNonNull(value, "charset");
        return copy;
    }

    /**
     * Runs one attempt. Call it through {@code flow.step(...)}: it needs the step's context.
     *
     * @return the result, when the exit code is a success code
     * @throws ExitCodeException           a failing exit code ({@link FatalExitCodeException} when not retryable)
     * @throws CommandNotStartedException  the program or working directory cannot be used
     * @throws dev.baton.StepTimeoutException past {@link #timeout}
     * @throws InterruptedException        the step was cancelled or timed out; the process tree was terminated
     */
    @Override
    public ShellResult call() throws Exception {
        return new ShellExecution(this, StepContext.current()).run();
    }

    /**
     * @return the command as shown in logs and errors: arguments quoted as for a POSIX shell,
     * secrets by name, a script longer than one short line by its first line and its length
     */
    public String display() {
        List<String> shown = new ArrayList<>(command.stream().map(Value::display).toList());
        if (script) {
            shown.set(2, CommandLines.scriptSummary(shown.get(2)));
        }
        return CommandLines.display(shown);
    }

    @Override
    public String toString() {
        return "ShellStep[" + display() + "]";
    }

    List<Value> command() {
        return command;
    }

    Map<String, Value> environment() {
        return environment;
    }

    boolean inheritsEnvironment() {
        return inheritEnvironment;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    String stdinText() {
        return stdin;
    }

    Path stdinFile() {
        return stdinFile;
    }

    ExitCodePolicy exitCodes() {
        return exitCodes;
    }

    Duration ownTimeout() {
        return timeout;
    }

    Duration grace() {
        return terminationGrace;
    }

    int summaryBytes() {
        return outputSummaryBytes;
    }

    long logLimit() {
        return logLimitBytes;
    }

    boolean retriesLaunchFailures() {
        return retryLaunchFailures;
    }

    Charset encoding() {
        return charset;
    }

    private static Duration requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }
}
