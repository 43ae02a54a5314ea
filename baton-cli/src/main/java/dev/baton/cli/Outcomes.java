package dev.baton.cli;

import dev.baton.RunInfo;

import java.time.Instant;

/** How {@code run}, {@code signal} and {@code wait} end: a closing line, a hint, an exit code. */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Prints how the followed run stands and what to do next.
     *
     * @param terminal where to print
     * @param outcome  how the follow ended
     * @return the exit code: 0 completed or waiting, 1 failed or cancelled
     */
    static int report(Terminal terminal, RunFollower.Outcome outcome) {
        RunInfo run = outcome.run();
        Style style = terminal.style();
        String id = run.id();
        String took = Formats.duration(Formats.between(run.startedAt() != null ? run.startedAt() : run.createdAt(),
                run.endedAt(), Instant.now()));
        switch (run.status()) {
            case COMPLETED -> {
                terminal.println("Run " + id + " " + style.green("COMPLETED") + " in " + took
                        + (run.output() == null ? "" : ": " + Formats.abbreviate(run.output(), 300)));
                return ExitCodes.OK;
            }
            case FAILED, CANCELLED, SKIPPED -> {
                terminal.println("Run " + id + " " + style.status(run.status(), run.status().name()) + " after " + took
                        + (run.error() == null ? "" : ": " + Formats.abbreviate(run.error().summary(), 300)));
                terminal.println("Steps, attempts and the stack trace: " + terminal.command("show " + id));
                return ExitCodes.RUN_FAILED;
            }
            default -> {
                BlockingWait wait = outcome.blocked();
                if (wait == null) {
                    terminal.println("Run " + id + " is " + style.status(run.status(), run.status().name())
                            + (run.waitingFor() == null ? "" : ", waiting for " + run.waitingFor()) + ".");
                    return ExitCodes.OK;
                }
                waiting(terminal, wait, run.id());
                return ExitCodes.OK;
            }
        }
    }

    /**
     * Says what a run waits for and which command continues it.
     *
     * @param terminal where to print
     * @param wait     what it waits for
     * @param runId    the followed run (the waiting one may be its child)
     */
    static void waiting(Terminal terminal, BlockingWait wait, String runId) {
        Style style = terminal.style();
        String who = wait.runId().equals(runId) ? "Run " + runId : "Run " + runId + " waits for its child run " + wait.runId()
                + ", which";
        String until = wait.until() == null ? "" : " (until " + terminal.formats().dateTime(wait.until()) + ")";
        terminal.println(who + " is " + style.yellow("WAITING") + " for " + wait.waitingFor() + until + ".");
        if (wait.isSignal()) {
            terminal.println("Send it with:  " + terminal.command("signal " + wait.runId() + " "
                    + Formats.shellQuote(wait.signalName()) + " JSON") + "   (JSON is the payload, e.g. true)");
        } else {
            terminal.println("Any Baton worker on this store continues it then; to sit the wait out here:  "
                    + terminal.command("wait " + runId));
        }
    }
}
