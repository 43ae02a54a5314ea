package dev.baton.lint;

import java.util.Objects;

/**
 * One place in workflow code that can break replay.
 *
 * @param rule        the rule it breaks
 * @param className   the class, binary name ({@code com.acme.Nightly$1})
 * @param method      the method as a person reads it: {@code run}, {@code regions}, {@code lambda in run}
 * @param sourceFile  the source file with its package folders ({@code com/acme/Nightly.java}), or
 *                    the class file's name when the class was compiled without it
 * @param line        the source line, or 0 when the class has no line numbers
 * @param message     what the code does and why that breaks replay
 * @param replacement what to write instead
 * @param reachedFrom the workflow method through which the code runs, for code in helper methods
 *                    and lambdas; empty for the workflow method itself
 * @param suppressedBecause the reason given by {@link dev.baton.SuppressDeterminism} when the finding
 *                    is suppressed, else null
 */
public record Finding(Rule rule, String className, String method, String sourceFile, int line, String message,
                      String replacement, String reachedFrom, String suppressedBecause) {

    /** Checks the fields. */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(replacement, "replacement");
        reachedFrom = reachedFrom == null ? "" : reachedFrom;
    }

    /** @return whether a {@link dev.baton.SuppressDeterminism} covers this finding */
    public boolean suppressed() {
        return suppressedBecause != null;
    }

    /** @return {@code com/acme/Nightly.java:42}, as compilers print a position */
    public String location() {
        return line > 0 ? sourceFile + ":" + line : sourceFile;
    }

    /** @return the class's simple name with its nesting: {@code Nightly$1} */
    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * @return one line in compiler style:
     * {@code com/acme/Nightly.java:42: [wall-clock] Nightly.run reads the wall clock with ...; use flow.now()}
     */
    @Override
    public String toString() {
        String where = simpleClassName() + "." + method + (reachedFrom.isEmpty() ? "" : " (reached from " + reachedFrom + ")");
        String text = location() + ": [" + rule.id() + "] " + where + " " + message + "; use " + replacement;
        return suppressed() ? text + " [suppressed: " + suppressedBecause + "]" : text;
    }
}
