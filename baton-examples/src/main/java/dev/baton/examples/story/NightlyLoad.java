package dev.baton.examples.story;

import dev.baton.Flow;
import dev.baton.StepOptions;
import dev.baton.Workflow;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Job 1 of the story: the nightly load. It usually takes an hour; twice a year (the month-end
 * closes of June and December) it takes three times as long. Nobody has to remember that: job 2
 * starts when this run has finished, and job 3 waits for the shared resources.
 *
 * <p>The load's duration is a durable sleep here, standing in for the real work; {@link Night}
 * can scale it down for the demo.
 */
public final class NightlyLoad implements Workflow<NightlyLoad.Night, NightlyLoad.LoadReport> {

    /**
     * The input of a run started by hand; scheduled runs have none and use their logical time.
     *
     * @param day             the business day to load, or null for the run's logical day
     * @param secondsPerHour  how many seconds an hour of loading takes (3,600 in production; the demo
     *                        uses 1)
     */
    public record Night(LocalDate day, int secondsPerHour) {
    }

    /**
     * What the load did.
     *
     * @param day   the business day
     * @param rows  rows written to the sales table
     * @param hours how long the load took, in hours of work
     */
    public record LoadReport(LocalDate day, long rows, int hours) {
    }

    /** The zone the business day is counted in. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** @param day a business day @return whether its load takes three hours instead of one */
    public static boolean isLongNight(LocalDate day) {
        return (day.getMonthValue() == 6 || day.getMonthValue() == 12) && day.getDayOfMonth() == day.lengthOfMonth();
    }

    @Override
    public LoadReport run(Flow flow, Night night) {
        LocalDate day = night != null && night.day() != null ? night.day()
                : flow.logicalTime().atZone(ZONE).toLocalDate().minusDays(1);
        int secondsPerHour = night != null && night.secondsPerHour() > 0 ? night.secondsPerHour() : 3_600;
        int hours = isLongNight(day) ? 3 : 1;
        long rows = flow.step("extract", () -> 10_000L * day.getDayOfMonth());
        flow.sleep(Duration.ofSeconds((long) hours * secondsPerHour)); // the long part of the load
        flow.step("write-sales-table", StepOptions.locking(StoryCatalog.SALES_TABLE), () -> rows);
        return new LoadReport(day, rows, hours);
    }
}
