package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.RunHandle;
import dev.baton.RunInfo;
import dev.baton.StartOptions;
import dev.baton.examples.DemoCase;
import dev.baton.examples.DemoCases;
import dev.baton.server.BatonServer;
import dev.baton.server.ui.LiveEvents;
import dev.baton.server.ServerStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code baton demo}: the example workflows, run and shown as they go. */
@Command(name = "demo", description = {
        "Starts one run of every example workflow on the store and prints their progress as it happens.",
        "Without --once, a run that waits for a person gets the command to send its signal, and Baton keeps "
                + "running (executing runs of this store) until Ctrl-C.",
        "With --once, the demo sends those signals itself, waits until every run has ended, prints a summary "
                + "and exits 0 when every run ended as expected, else 1."})
final class DemoCommand extends CliCommand {
    private static final Duration POLL = Duration.ofMillis(100);

    @Option(names = "--once", description = "Run the examples to their end, print a summary and exit.")
    boolean once;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + BatonServer.DEFAULT_PORT,
            description = "The port of the web UI and JSON API; when it is taken, any free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = BatonServer.DEFAULT_BIND,
            description = "The address the web UI and JSON API listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "With --once: the longest wait for the runs to end. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    /** A case and its run. */
    private record Started(DemoCase demoCase, RunHandle run, Instant at) {
    }

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = terminal();
        Style style = terminal.style();
        List<DemoCase> cases = DemoCases.all();
        ProgressPrinter printer = new ProgressPrinter(terminal);
        LiveEvents live = new LiveEvents();
        LocalEngine engine = LocalEngine.open(db(), event -> {
            printer.onEvent(event);
            live.onEvent(event);
        }, false, terminal);
        BatonServer server;
        try {
            server = serve(terminal, engine, live);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        try {
            engine.start();
            Baton baton = engine.baton();
            int width = cases.stream().mapToInt(c -> c.workflow().length()).max().orElse(12);
            terminal.println(style.bold("Baton demo") + ": " + cases.size() + " example runs on " + db()
                    + (once ? ", run to their end." : ". Ctrl-C stops Baton; runs in flight continue at the next start."));
            terminal.println("Watch them at " + style.cyan(server.url()) + "  (JSON API: " + server.url() + "api/runs)");
            List<Started> started = new ArrayList<>();
            for (DemoCase demoCase : cases) {
                RunHandle run = baton.start(demoCase.workflow(), demoCase.input(), StartOptions.defaults());
                started.add(new Started(demoCase, run, Instant.now()));
                terminal.println("  " + style.cyan(Formats.shortId(run.runId())) + "  " + pad(demoCase.workflow(), width)
                        + "  " + demoCase.description());
            }
            terminal.println();
            printer.workflowWidth(width);
            printer.release(id -> true);
            for (Started s : started) {
                if (s.demoCase().signalName() != null) {
                    Thread.ofVirtual().name("baton-demo-signal").start(() -> signalWhenWaiting(terminal, baton, s));
                }
            }
            if (once) {
                Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
                List<RunInfo> ended = new ArrayList<>();
                for (Started s : started) {
                    Duration left = Duration.between(Instant.now(), deadline);
                    ended.add(s.run().await(left.isNegative() ? Duration.ZERO : left));
                }
                return summary(terminal, started, ended) ? ExitCodes.OK : ExitCodes.RUN_FAILED;
            }
            Thread.ofVirtual().name("baton-demo-summary").start(() -> {
                List<RunInfo> ended = new ArrayList<>();
                for (Started s : started) {
                    ended.add(s.run().await(Duration.ofDays(365)));
                }
                summary(terminal, started, ended);
                terminal.println("Baton keeps running on " + db() + ", serving " + server.url() + ". In another terminal try  "
                        + terminal.command("runs") + "  or  " + terminal.command("show RUN_ID")
                        + "  or  " + terminal.command("workflows") + ". Ctrl-C stops it.");
            });
            // Serve until Ctrl-C: the shutdown hooks close the server and the engine cleanly.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "baton-demo-server-shutdown"));
            new CountDownLatch(1).await();
            return ExitCodes.OK;
        } finally {
            server.close();
            engine.close();
        }
    }

    /** Serves the web UI and the API on the port asked for, or on any free one when it is taken. */
    private BatonServer serve(Terminal terminal, LocalEngine engine, LiveEvents live) {
        try {
            return BatonServer.start(engine.baton(), bind, port, BatonServer.DEFAULT_MAX_BODY_BYTES, live);
        } catch (ServerStartException e) {
            if (port == 0) {
                throw new CliException(ExitCodes.ERROR, e.getMessage());
            }
            terminal.error("Port " + port + " is taken; the demo serves on a free port instead (--port N chooses one).");
            return ServerCommand.serve(engine, bind, 0, BatonServer.DEFAULT_MAX_BODY_BYTES, live);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /**
     * Waits until the case's run waits for its signal, then sends it (with --once) or prints the
     * command that sends it.
     */
    private void signalWhenWaiting(Terminal terminal, Baton baton, Started s) {
        DemoCase demoCase = s.demoCase();
        RunFollower follower = new RunFollower(baton);
        String payload = Json.compact(demoCase.signalPayload());
        String command = terminal.command("signal " + s.run().runId() + " " + Formats.shellQuote(demoCase.signalName())
                + " " + Formats.shellQuote(payload));
        try {
            if (once && demoCase.signalAfter() != null) {
                Duration left = Duration.between(Instant.now(), s.at().plus(demoCase.signalAfter()));
                if (!left.isNegative()) {
                    Thread.sleep(left);
                }
            }
            while (true) {
                RunInfo info = s.run().info();
                if (info.status().isTerminal()) {
                    return;
                }
                Optional<BlockingWait> wait = follower.blockingWait(info, null, 0);
                if (wait.isPresent() && demoCase.signalName().equals(wait.get().signalName())) {
                    break;
                }
                Thread.sleep(POLL);
            }
            Style style = terminal.style();
            String who = style.cyan(Formats.shortId(s.run().runId())) + " " + demoCase.workflow();
            if (once) {
                baton.signalJson(s.run().runId(), demoCase.signalName(), payload);
                terminal.println(style.bold("→ the demo sends") + " signal '" + demoCase.signalName() + "' = " + payload
                        + " to " + who + ", as a person would with:  " + command);
            } else {
                terminal.println(style.yellow("→ " + Formats.shortId(s.run().runId()) + " " + demoCase.workflow()
                        + " waits for a person.") + " Send the signal from another terminal:");
                terminal.println("      " + style.bold(command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            terminal.error("baton demo: could not signal run " + s.run().runId() + ": " + e.getMessage());
        }
    }

    /** @return whether every run ended with its expected status */
    private boolean summary(Terminal terminal, List<Started> started, List<RunInfo> ended) {
        Style style = terminal.style();
        Instant now = Instant.now();
        Table table = new Table("WORKFLOW", "RUN ID", "STATUS", "EXPECTED", "DURATION>", "OK");
        int good = 0;
        for (int i = 0; i < started.size(); i++) {
            RunInfo run = ended.get(i);
            boolean ok = run.status() == started.get(i).demoCase().expectedStatus();
            good += ok ? 1 : 0;
            table.row(run.workflow(), run.id(), style.status(run.status(), run.status().name()),
                    started.get(i).demoCase().expectedStatus().name(),
                    Formats.duration(Formats.between(run.startedAt() != null ? run.startedAt() : run.createdAt(),
                            run.endedAt(), now)),
                    ok ? style.green("yes") : style.red("NO"));
        }
        terminal.println();
        table.render(style, "").forEach(terminal::println);
        terminal.println();
        if (good == started.size()) {
            terminal.println(style.green("All " + good + " runs ended as expected."));
            return true;
        }
        terminal.println(style.red((started.size() - good) + " of " + started.size() + " runs did not end as expected")
                + "; see  " + terminal.command("show RUN_ID"));
        return false;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
