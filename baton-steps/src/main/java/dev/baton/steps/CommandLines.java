package dev.baton.steps;

import java.util.List;
import java.util.regex.Pattern;

/** Shows a command line as a person would type it into a POSIX shell. */
final class CommandLines {
    /** The longest command shown; longer ones (usually scripts) are abbreviated. */
    static final int MAX_DISPLAY = 300;
    /** The longest script line shown. */
    static final int MAX_SCRIPT_LINE = 80;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./<>-]+");

    private CommandLines() {
    }

    /** @param args the arguments, program first @return them quoted and joined, abbreviated past {@value #MAX_DISPLAY} */
    static String display(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(quote(arg));
        }
        return abbreviate(out.toString().replace("\n", "\\n"), MAX_DISPLAY);
    }

    /** @param arg an argument @return it as a shell word */
    static String quote(String arg) {
        if (!arg.isEmpty() && PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * @param script a script's text
     * @return one line: the script when it has one line, else its first line (after a {@code #!}
     * line) and how many lines it has; abbreviated past {@value #MAX_SCRIPT_LINE} characters
     */
    static String scriptSummary(String script) {
        List<String> lines = script.strip().lines().toList();
        if (lines.size() <= 1) {
            return abbreviate(script.strip(), MAX_SCRIPT_LINE);
        }
        String first = lines.stream().filter(line -> !line.startsWith("#!") && !line.isBlank()).findFirst().orElse("").strip();
        return abbreviate(first, MAX_SCRIPT_LINE) + " [" + lines.size() + " lines]";
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
