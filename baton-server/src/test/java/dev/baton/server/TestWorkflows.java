package dev.baton.server;

import dev.baton.BatonBuilder;
import dev.baton.Flow;
import dev.baton.Schedule;
import dev.baton.StepContext;
import dev.baton.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Small workflows the API tests drive: one of each thing the API shows or acts on. */
final class TestWorkflows {
    /** Whether {@link FlakyOnce}'s second step fails. */
    static final AtomicBoolean BROKEN = new AtomicBoolean(true);
    /** How often {@link FlakyOnce}'s first step executed (replays do not count). */
    static final AtomicInteger PREPARED = new AtomicInteger();

    private TestWorkflows() {
    }

    static BatonBuilder register(BatonBuilder builder) {
        return builder.workflow(new Greet()).workflow(new FlakyOnce()).workflow(new Approval())
                .workflow(new Sleeper()).workflow(new Tick(), Schedule.every(Duration.ofHours(1)).id("hourly"));
    }

    /** @param name who to greet */
    record Person(String name) {
    }

    /** One step that logs a line and greets. */
    static final class Greet implements Workflow<Person, String> {
        @Override
        public String run(Flow flow, Person person) {
            return flow.step("greet", () -> {
                StepContext.current().log("log", "greeting " + person.name());
                return "hello " + person.name();
            });
        }
    }

    /** A step that completes, then one that fails while {@link #BROKEN}. */
    static final class FlakyOnce implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            String prepared = flow.step("prepare", () -> "prepared #" + PREPARED.incrementAndGet());
            return flow.step("call-service", () -> {
                if (BROKEN.get()) {
                    throw new IllegalStateException("the service is down");
                }
                return prepared + ", then called";
            });
        }
    }

    /** Waits a day for the signal 'approve'. */
    static final class Approval implements Workflow<String, Boolean> {
        @Override
        public Boolean run(Flow flow, String release) {
            return flow.awaitSignal("approve", Boolean.class, Duration.ofDays(1)).orElse(false);
        }
    }

    /** Sleeps an hour. */
    static final class Sleeper implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            flow.sleep(Duration.ofHours(1));
            return "woke";
        }
    }

    /** Started hourly by its schedule, or by a backfill; returns its logical time. */
    static final class Tick implements Workflow<Void, String> {
        @Override
        public String run(Flow flow, Void input) {
            Instant at = flow.logicalTime();
            return flow.step("tick", () -> "tick at " + at);
        }
    }
}
