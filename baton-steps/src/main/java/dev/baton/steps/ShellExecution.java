package dev.baton.steps;

import dev.baton.StepContext;
import dev.baton.StepTimeoutException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attempt of a {@link ShellStep}: starts the process, logs its output as it comes, waits for
 * it within the timeouts, terminates its tree when interrupted, and maps the exit code.
 */
final class ShellExecution {
    /** The stream of the step's own lines (the command, its exit, truncation notices). */
    static final String LOG = "log";
    /** How long output is still read after the process exited, for descendants that hold it open. */
    static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(2);
    /** How long output is still read after the tree was terminated. */
    static final Duration DRAIN_AFTER_TERMINATION = Duration.ofSeconds(5);
    /** Lines of stderr quoted in an error message. */
    static final int ERROR_LINES = 20;
    /** Characters of output quoted in an error message at most. */
    static final int ERROR_CHARS = 4000;

    private static final Pattern ERRNO = Pattern.compile("error(?:=|: )(\\d+)");

    private final ShellStep step;
    private final StepContext context;
    private final SecretScope secrets;
    private final String display;
    private final TailBuffer stdout;
    private final TailBuffer stderr;
    private long logged;
    private boolean logTruncated;

    ShellExecution(ShellStep step, StepContext context) {
        this.step = step;
        this.context = context;
        this.secrets = new SecretScope(context::secret);
        this.display = step.display();
        this.stdout = new TailBuffer(step.summaryBytes());
        this.stderr = new TailBuffer(step.summaryBytes());
    }

    ShellResult run() throws Exception {
        List<String> argv = new ArrayList<>();
        for (Value value : step.command()) {
            argv.add(value.resolve(secrets));
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> environment = builder.environment();
        if (!step.inheritsEnvironment()) {
            environment.clear();
        }
        step.environment().forEach((name, value) -> environment.put(name, value.resolve(secrets)));
        environment.put("BATON_RUN_ID", context.runId());
        environment.put("BATON_STEP", context.stepName());
        environment.put("BATON_IDEMPOTENCY_KEY", context.idempotencyKey());
        environment.put("BATON_ATTEMPT", Integer.toString(context.attempt()));

        Path directory = step.workingDirectory();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw notStarted("its working directory " + directory.toAbsolutePath() + " does not exist or is not a folder", null);
            }
            builder.directory(directory.toFile());
        }
        Path stdinFile = step.stdinFile();
        if (stdinFile != null) {
            if (!Files.isRegularFile(stdinFile) || !Files.isReadable(stdinFile)) {
                throw notStarted("its standard input " + stdinFile.toAbsolutePath() + " does not exist or cannot be read", null);
            }
            builder.redirectInput(stdinFile.toFile());
        }

        notice("$ " + display + (context.attempt() > 1 ? "   (attempt " + context.attempt() + ")" : ""));
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw notStarted(launchFailure(e, argv.get(0)), secrets.sanitize(e));
        }
        LineQueue queue = new LineQueue();
        try {
            new OutputPump("stdout", process.getInputStream(), step.encoding(), queue).start();
            new OutputPump("stderr", process.getErrorStream(), step.encoding(), queue).start();
            feedStdin(process);
            Thread.ofVirtual().name("baton-shell-exit").start(() -> {
                try {
                    process.waitFor();
                    queue.put(LineQueue.EXITED);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            pump(process, queue, started);
        } finally {
            if (process.isAlive()) {
                // Only when logging itself failed: the usual ways out terminated the tree already.
                ProcessTree.terminate(process.toHandle(), step.grace());
            }
            queue.close();
        }
        int code = process.exitValue();
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        notice("exit code " + code + " after " + human(duration));
        ExitCodePolicy policy = step.exitCodes();
        return switch (policy.classify(code)) {
            case SUCCESS -> new ShellResult(code, stdout.text(), stdout.truncated(), stderr.text(), stderr.truncated(), duration);
            case RETRYABLE -> throw new ExitCodeException(display, code, stderr.lastLines(ERROR_LINES),
                    exitMessage(code, duration, policy));
            case FATAL -> throw new FatalExitCodeException(display, code, stderr.lastLines(ERROR_LINES),
                    exitMessage(code, duration, policy));
        };
    }

    /** Logs the output until the process exited and its output ended, or a timeout or interrupt. */
    private void pump(Process process, LineQueue queue, long started) throws Exception {
        Duration timeout = step.ownTimeout();
        int open = 2;
        boolean exited = false;
        long drainDeadline = 0;
        try {
            while (open > 0 || !exited) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                if (timeout != null) {
                    wait = timeout.toNanos() - (now - started);
                }
                if (exited) {
                    wait = Math.min(wait, drainDeadline - now);
                }
                OutputPump.Line line = wait == Long.MAX_VALUE ? queue.take() : queue.poll(wait);
                if (line == null) {
                    if (timeout != null && System.nanoTime() - started >= timeout.toNanos()) {
                        throw timedOut(process, queue, timeout);
                    }
                    notice("the command exited, but a process it left running in the background still holds its "
                            + "output open; output after the exit is not captured");
                    return;
                }
                if (line == LineQueue.EXITED) {
                    exited = true;
                    drainDeadline = System.nanoTime() + DRAIN_AFTER_EXIT.toNanos();
                } else if (line.isEnd()) {
                    open--;
                } else {
                    accept(line);
                }
            }
        } catch (InterruptedException e) {
            ProcessTree.Outcome outcome = terminate(process, queue);
            InterruptedException interrupted = new InterruptedException("command `" + display
                    + "` was interrupted (the run was cancelled or the step timed out); " + describe(outcome));
            interrupted.addSuppressed(e);
            throw interrupted;
        }
    }

    private StepTimeoutException timedOut(Process process, LineQueue queue, Duration timeout) {
        ProcessTree.Outcome outcome = terminate(process, queue);
        String message = "command `" + display + "` timed out after " + human(timeout) + " (ShellStep.timeout); "
                + describe(outcome) + ". Raise the timeout or make the command faster" + outputTail();
        return new StepTimeoutException(message);
    }

    /** Terminates the tree, then logs what is left of its output; leaves the interrupt status clear. */
    private ProcessTree.Outcome terminate(Process process, LineQueue queue) {
        ProcessTree.Outcome outcome = ProcessTree.terminate(process.toHandle(), step.grace());
        Thread.interrupted();
        long deadline = System.nanoTime() + DRAIN_AFTER_TERMINATION.toNanos();
        int open = 2;
        while (open > 0 && deadline - System.nanoTime() > 0) {
            try {
                OutputPump.Line line = queue.poll(deadline - System.nanoTime());
                if (line == null) {
                    break;
                }
                if (line.isEnd()) {
                    open -= line == LineQueue.EXITED ? 0 : 1;
                } else {
                    accept(line);
                }
            } catch (InterruptedException again) {
                // Already terminating; keep draining until the deadline.
            }
        }
        notice(describe(outcome));
        return outcome;
    }

    private static String describe(ProcessTree.Outcome outcome) {
        String text = "terminated its process tree (" + outcome.processes()
                + (outcome.processes() == 1 ? " process" : " processes") + ": TERM"
                + (outcome.killed() > 0 ? ", then KILL to " + outcome.killed() + " still alive after the grace period" : "")
                + ")";
        if (!outcome.survivors().isEmpty()) {
            text += "; still alive after KILL: pids " + outcome.survivors();
        }
        return text;
    }

    private void accept(OutputPump.Line line) {
        String text = secrets.mask(line.text());
        (line.stream().equals("stderr") ? stderr : stdout).add(text);
        long size = TailBuffer.utf8Length(text) + 1L;
        if (logged + size <= step.logLimit()) {
            logged += size;
            context.log(line.stream(), text);
        } else if (!logTruncated) {
            logTruncated = true;
            notice("log truncated: the command wrote more than " + step.logLimit() + " bytes; the rest is not logged "
                    + "(ShellStep.logLimitBytes). The last " + step.summaryBytes() + " bytes of each stream are in the result.");
        }
    }

    private void notice(String text) {
        context.log(LOG, secrets.mask(text));
    }

    private void feedStdin(Process process) {
        String text = step.stdinText();
        if (step.stdinFile() != null) {
            return;
        }
        OutputStream in = process.getOutputStream();
        if (text == null) {
            closeQuietly(in);
            return;
        }
        byte[] bytes = text.getBytes(step.encoding());
        Thread.ofVirtual().name("baton-shell-stdin").start(() -> {
            try (in) {
                in.write(bytes);
            } catch (IOException e) {
                // The command exited or closed its input without reading it all: its exit code tells.
            }
        });
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // Nothing was written; a failed close changes nothing for the command.
        }
    }

    private CommandNotStartedException notStarted(String reason, Throwable cause) {
        String message = "command `" + display + "` could not be started: " + secrets.mask(reason)
                + (step.retriesLaunchFailures() ? " (retryable: retryLaunchFailures is on)"
                        : " (not retried; ShellStep.retryLaunchFailures(true) retries it)");
        return step.retriesLaunchFailures()
                ? new CommandNotStartedException(display, message, cause)
                : new FatalCommandNotStartedException(display, message, cause);
    }

    private static String launchFailure(IOException e, String program) {
        String message = String.valueOf(e.getMessage()).strip();
        // The JDK reports errno as "error=2, ..." or "error: 2 (...)" depending on its version.
        Matcher errno = ERRNO.matcher(message);
        if (errno.find()) {
            switch (errno.group(1)) {
                case "2" -> {
                    return "no program '" + program + "' was found (No such file or directory); check that it is "
                            + "installed on this worker and on its PATH, or give its full path";
                }
                case "13" -> {
                    return "the program '" + program + "' cannot be executed (Permission denied)";
                }
                default -> {
                }
            }
        }
        return message;
    }

    private String exitMessage(int code, Duration duration, ExitCodePolicy policy) {
        return "command `" + display + "` exited with code " + code + " after " + human(duration) + " ("
                + policy.explain(code) + ")" + outputTail();
    }

    /** @return the last lines of stderr (or of stdout when stderr is empty) for an error message */
    private String outputTail() {
        String err = stderr.lastLines(ERROR_LINES);
        if (!err.isEmpty()) {
            return "; last lines of stderr:\n" + tail(err);
        }
        String out = stdout.lastLines(ERROR_LINES);
        if (!out.isEmpty()) {
            return "; stderr was empty; last lines of stdout:\n" + tail(out);
        }
        return "; it printed nothing";
    }

    private static String tail(String text) {
        return text.length() <= ERROR_CHARS ? text : "…" + text.substring(text.length() - ERROR_CHARS + 1);
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return duration.toMinutes() + "m" + duration.toSecondsPart() + "s";
    }
}
