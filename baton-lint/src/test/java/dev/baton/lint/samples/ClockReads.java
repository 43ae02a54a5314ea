package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

/** Reads the wall clock in the workflow method in every usual way. */
public final class ClockReads implements Workflow<String, String> {
    private final Clock clock = Clock.systemUTC();

    @Override
    public String run(Flow flow, String input) {
        long millis = System.currentTimeMillis(); // expect: wall-clock
        long nanos = System.nanoTime(); // expect: wall-clock
        Instant now = Instant.now(); // expect: wall-clock
        LocalDate today = LocalDate.now(); // expect: wall-clock
        ZonedDateTime zoned = ZonedDateTime.now(ZoneId.of("UTC")); // expect: wall-clock
        Date date = new Date(); // expect: wall-clock
        Instant injected = clock.instant(); // expect: wall-clock
        Instant recorded = flow.now();
        Instant inStep = flow.step("stamp", () -> Instant.now());
        return millis + " " + nanos + now + today + zoned + date + injected + recorded + inStep;
    }
}
