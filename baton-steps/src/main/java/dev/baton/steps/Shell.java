package dev.baton.steps;

/**
 * Shell-command steps: run a program (a Python script, a vendor binary, {@code pg_dump}) as a
 * durable step, with its output streamed into the step's logs, its exit code mapped to success,
 * retry or failure, and its whole process tree terminated on timeout or cancellation.
 *
 * <pre>{@code
 * ShellResult out = flow.step("extract",
 *         StepOptions.retry(Retry.exponential(3)).withTimeout(Duration.ofMinutes(10)),
 *         Shell.command("python3", "extract.py", "--day", day)
 *              .env("PGPASSWORD", Secret.named("WAREHOUSE_PASSWORD"))
 *              .workingDirectory(Path.of("jobs"))
 *              .successCodes(0, 3)
 *              .retryableCodes(75));
 * }</pre>
 *
 * <p>See {@link ShellStep} for every setting and its default.
 */
public final class Shell {
    /** The shell of {@link #script}: {@code /bin/sh}. */
    public static final String SHELL = "/bin/sh";

    private Shell() {
    }

    /**
     * A program started directly with its arguments, with no shell in between: no word splitting,
     * globbing or variable expansion, so arguments need no quoting.
     *
     * @param program the program, found on the worker's {@code PATH} unless it is a path
     * @param args    its arguments: {@link String}s, {@link Secret}s, or other objects (their
     *                {@code toString()}, e.g. a {@code LocalDate} or a {@code Path})
     * @return the step
     * @throws IllegalArgumentException when the program is blank or an argument is null
     */
    public static ShellStep command(String program, Object... args) {
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("program must not be blank, was "
                    + (program == null ? "null" : "'" + program + "'"));
        }
        return ShellStep.of(program, args, false);
    }

    /**
     * A script run by {@code /bin/sh -c}: the explicit opt-in to a shell, for pipes, redirections
     * and loops. Pass changing values as arguments ({@code $1}, {@code $2}, …) or environment
     * variables, never by pasting them into the script text: that is how quoting bugs and
     * injections happen.
     *
     * <pre>{@code
     * Shell.script("sort -u \"$1\" | wc -l", inputFile)
     * }</pre>
     *
     * @param script the script's text
     * @param args   the script's positional parameters {@code $1}, {@code $2}, …
     * @return the step
     * @throws IllegalArgumentException when the script is blank or an argument is null
     */
    public static ShellStep script(String script, Object... args) {
        if (script == null || script.isBlank()) {
            throw new IllegalArgumentException("script must not be blank, was "
                    + (script == null ? "null" : "'" + script + "'"));
        }
        return ShellStep.of(script, args, true);
    }
}
