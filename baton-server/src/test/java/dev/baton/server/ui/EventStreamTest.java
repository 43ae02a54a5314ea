package dev.baton.server.ui;

import dev.baton.Baton;
import dev.baton.RunStatus;
import dev.baton.server.BatonServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/events} says when a run changes: here, and in another process sharing the store. */
class EventStreamTest {
    @TempDir
    Path dir;

    @Test
    void deliversAnEventWhenARunChanges() throws Exception {
        try (UiSystem system = new UiSystem(dir)) {
            String waiting = system.baton.start("Approval", "2.0.0").runId();
            system.awaitStatus(waiting, RunStatus.WAITING::equals);
            try (SseReader events = new SseReader(system.url("/api/events"))) {
                events.await(e -> e.name().equals("hello"), Duration.ofSeconds(10));
                system.baton.signal(waiting, "approve", true);
                events.await(e -> e.name().equals("run") && e.data().contains("\"runId\":\"" + waiting + "\"")
                        && e.data().contains("\"status\":\"COMPLETED\""), Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void seesRunsThatAnotherProcessExecutes() throws Exception {
        Path db = dir.resolve("shared.db");
        // This process serves the UI and executes nothing; the other one does all the work.
        try (Baton here = UiSystem.builder(db).workerId("ui-only").build();
             Baton there = UiSystem.builder(db).workerId("worker-2").build();
             BatonServer server = BatonServer.start(here, "127.0.0.1", 0);
             SseReader events = new SseReader(server.url() + "api/events")) {
            events.await(e -> e.name().equals("hello"), Duration.ofSeconds(10));
            there.start();
            String runId = there.start("Approval", "3.0.0").runId();
            SseReader.Event waiting = events.await(e -> e.name().equals("run") && e.data().contains(runId)
                    && e.data().contains("\"status\":\"WAITING\""), Duration.ofSeconds(15));
            assertThat(waiting.data()).contains("\"origin\":\"store\"", "\"workflow\":\"Approval\"");
            there.signal(runId, "approve", true);
            events.await(e -> e.name().equals("run") && e.data().contains(runId)
                    && e.data().contains("\"status\":\"COMPLETED\""), Duration.ofSeconds(15));
        }
    }
}
