package dev.baton.steps;

import dev.baton.Baton;
import dev.baton.StartOptions;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;

/**
 * The process that {@link ShellStepCrashTest} kills: starts one run whose shell step writes its
 * idempotency key to a ledger and then waits for a file, and works on it until it is killed.
 *
 * <p>Arguments: database file, ledger file, the file the command waits for.
 */
public final class ShellCrashWorker {
    static final String RUN_ID = "crash-1";

    private ShellCrashWorker() {
    }

    /** The workflow: one shell step that records each execution, then a plain step. */
    static WorkflowDefinition<String, String> workflow(Path ledger, Path go) {
        return WorkflowDefinition.of("ledger-shell", String.class, (flow, in) -> {
            ShellResult result = flow.step("export", Shell.script(
                    "echo \"$BATON_IDEMPOTENCY_KEY $BATON_ATTEMPT $$\" >> \"$1\"; "
                            + "while [ ! -f \"$2\" ]; do sleep 0.05; done; echo \"exported with key $BATON_IDEMPOTENCY_KEY\"",
                    ledger, go));
            return result.stdout();
        });
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Baton baton = Baton.builder().store(StoreConfig.sqlite(db))
                .workflow(workflow(Path.of(args[1]), Path.of(args[2]))).build();
        baton.start();
        baton.start("ledger-shell", "x", StartOptions.runId(RUN_ID));
        System.out.println("STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
