package dev.baton.steps;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.LogLine;
import dev.baton.SecretProvider;
import dev.baton.StepInfo;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real engine on a SQLite file, for the end-to-end tests. */
final class Engines {
    /** How long a test waits for a run that should take a few seconds. */
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

    private Engines() {
    }

    static Baton start(Path db, Map<String, String> secrets, WorkflowDefinition<?, ?>... workflows) {
        BatonBuilder builder = Baton.builder()
                .store(StoreConfig.sqlite(db))
                .pollInterval(Duration.ofMillis(50))
                .secrets(provider(secrets));
        for (WorkflowDefinition<?, ?> workflow : workflows) {
            builder.workflow(workflow);
        }
        Baton baton = builder.build();
        baton.start();
        return baton;
    }

    static SecretProvider provider(Map<String, String> secrets) {
        return name -> Optional.ofNullable(secrets.get(name));
    }

    static StepInfo step(Baton baton, String runId, String name) {
        return baton.steps(runId).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + name + "' in run " + runId + ": "
                        + baton.steps(runId).stream().map(StepInfo::name).toList()));
    }

    /** @return the lines the step logged on a stream */
    static List<String> logs(Baton baton, String runId, int seq, String stream) {
        return baton.logs(runId, 0, 10_000).stream()
                .filter(l -> l.seq() == seq && l.stream().equals(stream)).map(LogLine::line).toList();
    }
}
