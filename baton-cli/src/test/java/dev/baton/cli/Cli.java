package dev.baton.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the command in this process on one store file, capturing what it prints. */
final class Cli {
    private static final Pattern RUN_ID = Pattern.compile("Run (\\S+) of ");

    private final Path db;

    /** @param db the store file every command uses */
    Cli(Path db) {
        this.db = db;
    }

    /**
     * What one command did.
     *
     * @param exitCode its exit code
     * @param out      what it printed on standard output
     * @param err      what it printed on standard error
     */
    record Result(int exitCode, String out, String err) {
        /** @return the id of the run the command started or followed, from its first line */
        String runId() {
            Matcher m = RUN_ID.matcher(out);
            if (!m.find()) {
                throw new AssertionError("no run id in output:\n" + out + "\nstderr:\n" + err);
            }
            return m.group(1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** @param args the arguments, without --db @return what the command did */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.toString());
        return runRaw(all.toArray(String[]::new));
    }

    /** @param args the arguments as given @return what the command did */
    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BatonCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
