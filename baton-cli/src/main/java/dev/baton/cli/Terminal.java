package dev.baton.cli;

import java.io.PrintWriter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a command writes: standard output for results and progress, standard error for
 * problems. Lines from many run threads are written whole, one at a time.
 */
final class Terminal {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final Formats formats;
    private final String launcher;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param out      standard output
     * @param err      standard error
     * @param style    colours, or none
     * @param formats  how times are written
     * @param launcher how to spell the command in hints, e.g. {@code ./baton}
     */
    Terminal(PrintWriter out, PrintWriter err, Style style, Formats formats, String launcher) {
        this.out = out;
        this.err = err;
        this.style = style;
        this.formats = formats;
        this.launcher = launcher;
    }

    Style style() {
        return style;
    }

    Formats formats() {
        return formats;
    }

    /** @param args the arguments after the command's name @return the command line a user would type */
    String command(String args) {
        return launcher + " " + args;
    }

    /** @param line a line for standard output */
    void println(String line) {
        lock.lock();
        try {
            out.println(line);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Writes an empty line. */
    void println() {
        println("");
    }

    /** @param line a line for standard error */
    void error(String line) {
        lock.lock();
        try {
            err.println(line);
            err.flush();
        } finally {
            lock.unlock();
        }
    }
}
