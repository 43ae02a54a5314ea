package dev.baton.engine.schedule;

import dev.baton.Schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Fire times written as local times with their offset, the way people check them. */
final class Fires {

    private Fires() {
    }

    /**
     * @param schedule a schedule
     * @param from     a local time in the schedule's zone, included; not in a gap or repeat
     * @param to       a local time in the schedule's zone, excluded; not in a gap or repeat
     * @return the fires, as local times with offsets such as {@code 2026-03-29T03:00+02:00}
     */
    static List<String> between(Schedule schedule, String from, String to) {
        ZoneId zone = schedule.zone();
        return FireTimes.of(schedule).between(instant(from, zone), instant(to, zone)).stream()
                .map(fire -> local(fire, zone)).toList();
    }

    static Instant instant(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static String local(Instant instant, ZoneId zone) {
        return OffsetDateTime.ofInstant(instant, zone).toString();
    }
}
