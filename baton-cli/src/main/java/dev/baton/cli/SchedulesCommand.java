package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ScheduleFire;
import dev.baton.ScheduleInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code baton schedules}: the registered schedules; and the commands on one of them: {@code fires},
 * {@code pause}, {@code resume}, {@code backfill}. Each opens the engine in this process on the store.
 */
@Command(name = "schedules", description = "Lists the schedules with their next fire; `fires`, `pause`, `resume` and "
        + "`backfill` act on one of them.")
final class SchedulesCommand extends CliCommand {

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        try (Session engine = open(null, false)) {
            List<ScheduleInfo> schedules = engine.baton().schedules();
            if (json) {
                terminal.println(Json.write(schedules));
                return ExitCodes.OK;
            }
            if (schedules.isEmpty()) {
                terminal.println("No schedules are registered.");
                return ExitCodes.OK;
            }
            Table table = new Table("WORKFLOW", "SCHEDULE", "STATE", "NEXT FIRE", "LAST FIRE", "WHAT");
            for (ScheduleInfo s : schedules) {
                table.row(s.workflow(), s.id(), s.paused() ? "paused" : "active", time(terminal, s.nextFire()),
                        time(terminal, s.lastFire()), s.description());
            }
            table.render(terminal.style(), "").forEach(terminal::println);
            return ExitCodes.OK;
        }
    }

    static String time(Terminal terminal, Instant instant) {
        return instant == null ? "-" : terminal.formats().dateTime(instant);
    }

    /** A subcommand on one schedule. */
    abstract static class OnSchedule extends CliCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow.")
        String workflow;

        @Parameters(index = "1", paramLabel = "SCHEDULE", description = "The schedule's id (see `baton schedules`).")
        String schedule;

        @Override
        public Integer call() {
            Terminal terminal = terminal();
            try (Session engine = open(null, true)) {
                return act(terminal, engine.baton());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
        }

        abstract int act(Terminal terminal, Baton baton);
    }

    @Command(name = "fires", description = "The schedule's recent fires, newest first: logical time, when handled, "
            + "outcome (STARTED, SKIPPED, BUFFERED), the run and the reason.")
    static final class Fires extends OnSchedule {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "The most fires. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        int act(Terminal terminal, Baton baton) {
            List<ScheduleFire> fires = baton.fires(workflow, schedule, limit);
            if (json) {
                terminal.println(Json.write(fires));
                return ExitCodes.OK;
            }
            if (fires.isEmpty()) {
                terminal.println("No fires of " + workflow + " / " + schedule + " yet.");
                return ExitCodes.OK;
            }
            Table table = new Table("LOGICAL TIME", "HANDLED", "OUTCOME", "RUN", "REASON");
            for (ScheduleFire fire : fires) {
                table.row(time(terminal, fire.logicalTime()), time(terminal, fire.recordedAt()), fire.outcome().name(),
                        fire.runId() == null ? "-" : fire.runId(), fire.reason() == null ? "" : fire.reason());
            }
            table.render(terminal.style(), "").forEach(terminal::println);
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", description = "Pauses the schedule: no fire starts until it is resumed.")
    static final class Pause extends OnSchedule {
        @Override
        int act(Terminal terminal, Baton baton) {
            baton.pauseSchedule(workflow, schedule);
            terminal.println("Paused " + workflow + " / " + schedule + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "resume", description = "Resumes the schedule; fires missed meanwhile follow its catch-up policy.")
    static final class Resume extends OnSchedule {
        @Override
        int act(Terminal terminal, Baton baton) {
            baton.resumeSchedule(workflow, schedule);
            terminal.println("Resumed " + workflow + " / " + schedule + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "backfill", description = "Starts one run per fire of the schedule in a past range [FROM, TO), "
            + "at most PARALLELISM at once; a repeated backfill starts nothing twice. The runs are executed by "
            + "whichever worker runs this store (`baton wait RUN_ID`, or a running demo).")
    static final class Backfill extends OnSchedule {
        @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "Start of the range, ISO-8601 (2026-11-01T00:00:00Z).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "End of the range (excluded), ISO-8601.")
        String to;

        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4", description = "The most backfill runs at once. Default: ${DEFAULT-VALUE}.")
        int parallelism;

        @Override
        int act(Terminal terminal, Baton baton) {
            Instant start;
            Instant end;
            try {
                start = Instant.parse(from);
                end = Instant.parse(to);
            } catch (DateTimeParseException e) {
                throw new CliException(ExitCodes.USAGE, "--from and --to must be ISO-8601 instants such as "
                        + "2026-11-01T00:00:00Z: " + e.getMessage());
            }
            List<String> runs = baton.backfill(workflow, schedule, start, end, parallelism);
            terminal.println("Backfill of " + workflow + " / " + schedule + ": " + runs.size() + " runs, at most "
                    + parallelism + " at once.");
            runs.forEach(terminal::println);
            return ExitCodes.OK;
        }
    }
}
