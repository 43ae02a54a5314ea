package dev.baton.engine.manifest;

import dev.baton.CatchUp;
import dev.baton.Overlap;
import dev.baton.Schedule;
import dev.baton.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application declares to the engine, as data: its workflows with their schedules,
 * triggers, locks and concurrency limits, and its locks and pools. Deployed manifests are stored,
 * so that {@code baton plan} can say what a change adds, removes and changes, and a run can be
 * traced to the code it ran under.
 *
 * <p>Every list is sorted (workflows and locks by name, schedules by id, triggers by their
 * upstream workflows), so that the same declarations always give the same JSON
 * ({@link ManifestJson}) and the same {@linkplain #hash() hash}, whatever the registration order.
 * The hash covers the declarations only, not the {@code codeVersion}: a commit that changes no
 * declaration has the same hash.
 *
 * <p>The Java API has no workflow-level retry or timeout defaults (retry policies and timeouts
 * are given per step, in code, where the replay check and tests see them); when it gets them,
 * they belong here.
 *
 * @param format      the manifest format version, {@link #FORMAT} for manifests this code writes
 * @param codeVersion the code's version (for instance a git commit), or null when unknown
 * @param workflows   the workflows, by name
 * @param locks       the declared locks and pools, by name
 */
public record Manifest(int format, String codeVersion, List<WorkflowItem> workflows, List<LockItem> locks) {

    /**
     * The manifest format this code reads and writes. A higher one was written by a newer Baton.
     * Optional fields that an older reader may ignore without misreading the declarations (a
     * workflow's owner, runbook, deadline and alert rules) are added within a format: absent they
     * read as null, and being left out of the JSON when null they leave the hash of a manifest
     * without them unchanged. The format is raised only for a change an older Baton would misread.
     */
    public static final int FORMAT = 1;

    /** Sorts and copies the lists. */
    public Manifest {
        if (format < 1) {
            throw new IllegalArgumentException("format must be >= 1, was " + format);
        }
        workflows = sorted(workflows, Comparator.comparing(WorkflowItem::name));
        locks = sorted(locks, Comparator.comparing(LockItem::name));
    }

    /** @return the SHA-256 of the canonical JSON of the declarations, as {@code sha256:HEX} */
    public String hash() {
        return ManifestJson.hash(this);
    }

    /** @param name a workflow's name @return its declaration, if any */
    public Optional<WorkflowItem> workflow(String name) {
        return workflows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** @param name a lock's name @return its declaration, if any */
    public Optional<LockItem> lock(String name) {
        return locks.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** @param value the code version @return a copy with it */
    public Manifest withCodeVersion(String value) {
        return new Manifest(format, value, workflows, locks);
    }

    /**
     * A workflow as declared.
     *
     * @param name              the name runs are started by
     * @param className         the class of its code
     * @param inputType         the type its input is read into
     * @param description       what it does, or empty
     * @param locks             locks and pools each run holds for its whole length, by name
     * @param concurrency       the most runs at once (per key when {@code concurrencyPerKey}); 0 for no limit
     * @param concurrencyPerKey whether the limit applies per key taken from the input
     * @param schedules         its schedules, by id
     * @param triggers          what starts it when other workflows end
     * @param owner             who answers for it (alerts are routed by it), or null
     * @param runbook           a link to what to do when it fails, or null
     * @param deadline          how long a run may take before DEADLINE_MISSED (ISO-8601), or null for none
     * @param alertRules        its own alert rules, sorted, or null when it follows the application's
     *                          defaults (an empty list: it alerts nothing)
     */
    public record WorkflowItem(String name, String className, String inputType, String description, List<String> locks,
                               int concurrency, boolean concurrencyPerKey, List<ScheduleItem> schedules,
                               List<TriggerItem> triggers, String owner, String runbook, String deadline,
                               List<String> alertRules) {
        /** Sorts and copies the lists. */
        public WorkflowItem {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
            locks = sorted(locks, Comparator.naturalOrder());
            schedules = sorted(schedules, Comparator.comparing(ScheduleItem::id));
            triggers = sorted(triggers, Comparator.comparing(TriggerItem::key));
            // Absent (null) and empty differ: null follows the defaults, empty alerts nothing.
            alertRules = alertRules == null ? null : sorted(alertRules, Comparator.naturalOrder());
        }

        /** A workflow without owner, runbook, deadline or rules of its own (as manifests before alerts had it). */
        public WorkflowItem(String name, String className, String inputType, String description, List<String> locks,
                            int concurrency, boolean concurrencyPerKey, List<ScheduleItem> schedules,
                            List<TriggerItem> triggers) {
            this(name, className, inputType, description, locks, concurrency, concurrencyPerKey, schedules, triggers,
                    null, null, null, null);
        }
    }

    /**
     * A schedule as declared; durations and instants in ISO-8601.
     *
     * @param id         its id, unique per workflow
     * @param kind       CRON or EVERY
     * @param cron       the cron expression, or null
     * @param zone       the zone of a cron expression, or null
     * @param every      the interval of an EVERY schedule, or null
     * @param startingAt the first fire of an EVERY schedule, or null
     * @param overlap    the overlap policy
     * @param catchUp    the catch-up policy: {@code none()}, {@code latest()} or {@code all(PT..)}
     * @param jitter     the upper bound of the delay added to each fire
     */
    public record ScheduleItem(String id, String kind, String cron, String zone, String every, String startingAt,
                               String overlap, String catchUp, String jitter) {

        /** @param schedule a schedule @return it as data */
        public static ScheduleItem of(Schedule schedule) {
            boolean cron = schedule.kind() == Schedule.Kind.CRON;
            return new ScheduleItem(schedule.id(), schedule.kind().name(), cron ? schedule.expression() : null,
                    cron ? schedule.zone().getId() : null, cron ? null : schedule.interval().toString(),
                    cron ? null : schedule.startingAt().toString(), schedule.overlap().name(),
                    schedule.catchUp().toString(), schedule.jitter().toString());
        }

        /**
         * @return the schedule this item describes, for the engine's schedule math
         * @throws IllegalArgumentException when a field is malformed, naming it
         */
        public Schedule toSchedule() {
            Schedule schedule = switch (Schedule.Kind.valueOf(kind)) {
                case CRON -> Schedule.cron(cron, zone);
                case EVERY -> Schedule.every(Duration.parse(every)).startingAt(Instant.parse(startingAt));
            };
            return schedule.overlap(Overlap.valueOf(overlap)).catchUp(parseCatchUp(catchUp))
                    .jitter(Duration.parse(jitter)).id(id);
        }

        private static CatchUp parseCatchUp(String text) {
            if ("none()".equals(text)) {
                return CatchUp.none();
            }
            if ("latest()".equals(text)) {
                return CatchUp.latest();
            }
            if (text != null && text.startsWith("all(") && text.endsWith(")")) {
                return CatchUp.all(Duration.parse(text.substring(4, text.length() - 1)));
            }
            throw new IllegalArgumentException("catchUp must be none(), latest() or all(DURATION), was '" + text + "'");
        }
    }

    /**
     * A trigger as declared.
     *
     * @param after the upstream workflows
     * @param when  SUCCESS, FAILURE or COMPLETION
     * @param fanIn whether all upstream workflows must have succeeded for the same logical time
     */
    public record TriggerItem(List<String> after, String when, boolean fanIn) {
        /** Copies the list, keeping its order (a fan-in's order is as declared). */
        public TriggerItem {
            after = List.copyOf(after);
        }

        /** @param trigger a trigger @return it as data */
        public static TriggerItem of(Trigger trigger) {
            return new TriggerItem(trigger.upstream(), trigger.when().name(), trigger.fanIn());
        }

        /** @return the trigger this item describes */
        public Trigger toTrigger() {
            return new Trigger(after, Trigger.When.valueOf(when), fanIn);
        }

        /** @return what identifies the trigger among its workflow's triggers: its upstream workflows and when */
        public String key() {
            return (fanIn ? "all of " : "") + String.join(", ", after) + " on " + when;
        }
    }

    /**
     * A lock or pool as declared.
     *
     * @param name    its name
     * @param slots   how many may hold it at once
     * @param policy  WAIT, SKIP or FAIL when it is taken
     * @param maxWait the longest wait under WAIT (ISO-8601), or null for no limit
     */
    public record LockItem(String name, int slots, String policy, String maxWait) {
    }

    private static <T> List<T> sorted(List<T> values, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(values == null ? List.of() : values);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
