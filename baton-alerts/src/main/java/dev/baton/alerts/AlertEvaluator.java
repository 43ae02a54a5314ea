package dev.baton.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.RunQuery;
import dev.baton.RunStatus;
import dev.baton.Schedule;
import dev.baton.StepStatus;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertRule;
import dev.baton.alert.Alerts;
import dev.baton.engine.BatonEngine;
import dev.baton.engine.schedule.FireTimes;
import dev.baton.engine.schedule.Jitter;
import dev.baton.engine.store.AlertChange;
import dev.baton.engine.store.AlertCursor;
import dev.baton.engine.store.DeliveryRow;
import dev.baton.engine.store.FireRow;
import dev.baton.engine.store.IncidentRow;
import dev.baton.engine.store.LogRow;
import dev.baton.engine.store.NumberedEvent;
import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.ScheduleRow;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.Write;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation pass over the store, by the one process that holds the evaluator's lease:
 * <ul>
 *   <li>the runs that ended since the cursor (their RUN_FAILED / RUN_COMPLETED timeline entries,
 *       in order): a failure raises RUN_FAILED; a completion after the deadline raises
 *       DEADLINE_MISSED; a completion on time resolves the workflow's open incidents;</li>
 *   <li>runs still unfinished past their workflow's deadline;</li>
 *   <li>each schedule's fires: skipped ones, and expected ones that did not start within the
 *       grace period.</li>
 * </ul>
 * Incidents are deduplicated by {@code workflow/cause}: while one is open, another failure raises
 * its count, and a notification goes out at most once per throttle window, saying how many
 * failures there were since the incident opened. Everything the pass decided (the cursor's move,
 * incidents, deliveries, marks) is written in one transaction, or not at all if another process
 * took the lease meanwhile.
 */
final class AlertEvaluator {
    private static final List<String> ENDINGS = List.of("RUN_FAILED", "RUN_COMPLETED");
    private static final int EVENTS_PER_PASS = 1_000;
    private static final int LOG_LINES = 20;
    private static final int MAX_LINE = 400;
    /** A run's error in an alert is cut to this: PagerDuty refuses events over 512 KB, and the message is stored per channel. */
    static final int MAX_ERROR = 4_000;
    private static final int DEADLINE_PAGE = 500;
    private static final long RECORDING_MARGIN_MILLIS = 60_000;
    /** Marks are kept at least this long (longer when the schedule grace is long). */
    static final Duration MARK_RETENTION = Duration.ofDays(7);
    /** How often old marks are looked for, and the most deleted at a time. */
    private static final long FORGET_EVERY_MILLIS = 10 * 60_000;
    private static final int FORGET_LIMIT = 1_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AlertEvaluator.class);

    private final BatonEngine engine;
    private final Store store;
    private final Alerts alerts;
    private final ObjectMapper json;
    private final String owner;
    private final Map<String, WorkflowDefinition<?, ?>> workflows = new HashMap<>();
    private final Map<String, List<Schedule>> schedules;
    /** Incidents of this pass that resolved before another of their key opened in the same pass. */
    private final List<Working> finished = new ArrayList<>();
    private final dev.baton.engine.work.WorkerIdentity identity;
    private final long leaseMillis;
    /**
     * The cursor while this process holds the lease. Only the holder moves the cursor, so between
     * renewals the pass needs no write to learn it: a pass that finds nothing to record writes nothing.
     */
    private AlertCursor held;
    private long heldSince;
    private long lastRecorded;
    private long lastForgotten;

    AlertEvaluator(BatonEngine engine, Alerts alerts, ObjectMapper json) {
        this.engine = engine;
        this.store = engine.store();
        this.alerts = alerts;
        this.json = json;
        this.owner = engine.workerId();
        engine.config().workflows().forEach(w -> workflows.put(w.name(), w));
        this.schedules = engine.config().schedules() == null ? Map.of() : engine.config().schedules();
        this.identity = dev.baton.engine.work.WorkerIdentity.named(owner);
        this.leaseMillis = Math.max(30_000, 3 * alerts.checkEvery().toMillis());
    }

    /** An incident as this pass changes it. */
    private static final class Working {
        IncidentRow row;
        final boolean fresh;
        boolean changed;
        String notify;
        RunRow latestRun;

        Working(IncidentRow row, boolean fresh) {
            this.row = row;
            this.fresh = fresh;
            this.changed = fresh;
        }
    }

    /**
     * Renews the lease when a third of it has passed (not on every pass); when another process
     * holds it and that process is known to be dead (a worker of this host whose process is gone),
     * takes it over at once instead of waiting for it to run out.
     *
     * @return the evaluator's cursor when this process holds (or now took) its lease, else null
     */
    AlertCursor claim() {
        long now = engine.clock().millis();
        if (held != null && now - heldSince < leaseMillis / 3) {
            return held;
        }
        AlertCursor cursor = (AlertCursor) engine.writer().submit(
                new Write.ClaimAlertEvaluator(owner, now, now + leaseMillis)).join().get(0);
        if (cursor == null) {
            String holder = store.alertEvaluatorOwner().orElse(null);
            if (holder != null && identity.isDeadLocalWorker(holder)) {
                cursor = (AlertCursor) engine.writer().submit(
                        new Write.ClaimAlertEvaluator(owner, now, now + leaseMillis, holder)).join().get(0);
                if (cursor != null) {
                    log.info("alert evaluation taken over from worker {}, whose process is gone", holder);
                }
            }
        }
        held = cursor;
        heldSince = now;
        return cursor;
    }

    /** @return whether the timeline had more to read than one pass takes (the next pass should follow at once) */
    boolean pass() {
        AlertCursor cursor = claim();
        long now = engine.clock().millis();
        if (cursor == null) {
            return false;
        }
        finished.clear();
        Map<String, Working> open = new LinkedHashMap<>();
        for (IncidentRow row : store.openIncidents()) {
            open.put(row.dedupKey(), new Working(row, false));
        }
        List<AlertChange> marks = new ArrayList<>();
        Set<String> marked = new HashSet<>();

        List<NumberedEvent> events = store.eventsAfter(cursor.eventId(), ENDINGS, EVENTS_PER_PASS);
        long to = events.isEmpty() ? cursor.eventId() : events.get(events.size() - 1).id();
        for (NumberedEvent e : events) {
            RunRow run = store.findRun(e.event().runId()).orElse(null);
            if (run == null) {
                continue;
            }
            Set<AlertRule> rules = rules(run.workflow());
            long at = e.event().at();
            if (e.event().type().equals("RUN_FAILED")) {
                if (rules.contains(AlertRule.RUN_FAILED)) {
                    raise(open, AlertRule.RUN_FAILED, run.workflow(), run, "Run " + run.id() + " of " + run.workflow()
                            + " failed: " + errorOf(run), at, now);
                }
                continue;
            }
            Long deadlineAt = deadlineAt(run);
            long ended = run.endedAt() == null ? at : run.endedAt();
            if (deadlineAt != null && ended > deadlineAt) {
                String subject = "deadline:" + run.id();
                if (rules.contains(AlertRule.DEADLINE_MISSED) && notMarked(subject, marked)) {
                    raise(open, AlertRule.DEADLINE_MISSED, run.workflow(), run, "Run " + run.id() + " of "
                            + run.workflow() + " finished " + late(ended - deadlineAt) + " after its deadline ("
                            + deadline(run.workflow()) + ")", at, now);
                    marks.add(new AlertChange.Mark(subject, now));
                }
            } else {
                resolve(open, run, at, now, rules.contains(AlertRule.RECOVERED));
            }
        }

        checkDeadlines(open, marks, marked, now);
        checkSchedules(open, marks, marked, cursor, now);
        remind(open, now);

        List<AlertChange> changes = new ArrayList<>();
        List<Working> all = new ArrayList<>(finished);
        all.addAll(open.values());
        for (Working w : all) {
            if (!w.changed) {
                continue;
            }
            List<DeliveryRow> deliveries = w.notify == null ? List.of() : deliveries(w, now);
            changes.add(w.fresh ? new AlertChange.Open(w.row, deliveries) : new AlertChange.Update(w.row, deliveries));
        }
        changes.addAll(marks);
        if (now - lastForgotten >= FORGET_EVERY_MILLIS) {
            long keep = Math.max(MARK_RETENTION.toMillis(), 2 * alerts.scheduleGrace().toMillis() + 3_600_000);
            changes.add(new AlertChange.ForgetMarks(now - keep, FORGET_LIMIT));
            lastForgotten = now;
        }
        // Nothing read and nothing decided: no write (the writer is the runs' too). The cursor's
        // time is still recorded now and then, which keeps the fire checks' windows short.
        if (events.isEmpty() && changes.isEmpty() && now - lastRecorded < leaseMillis / 3) {
            return false;
        }
        Object recorded = engine.writer().submit(new Write.RecordAlertPass(owner, cursor.eventId(), to, now, changes))
                .join().get(0);
        if (!Boolean.TRUE.equals(recorded)) {
            held = null; // another process took the lease: claim again before the next pass
            return false;
        }
        lastRecorded = now;
        held = new AlertCursor(to, Math.max(cursor.checkedAt(), now), cursor.since());
        return events.size() == EVENTS_PER_PASS;
    }

    private Set<AlertRule> rules(String workflow) {
        WorkflowDefinition<?, ?> definition = workflows.get(workflow);
        Set<AlertRule> own = definition == null ? null : definition.alertRules();
        return own != null ? own : alerts.rules();
    }

    private Duration deadline(String workflow) {
        WorkflowDefinition<?, ?> definition = workflows.get(workflow);
        return definition == null ? null : definition.deadline();
    }

    /** @return when the run's deadline passes: from its logical time when scheduled, else its creation */
    private Long deadlineAt(RunRow run) {
        Duration deadline = deadline(run.workflow());
        if (deadline == null) {
            return null;
        }
        long from = run.logicalTime() != null ? run.logicalTime() : run.createdAt();
        return from + deadline.toMillis();
    }

    private boolean notMarked(String subject, Set<String> markedThisPass) {
        if (!markedThisPass.add(subject)) {
            return false;
        }
        return store.alertMarks(List.of(subject)).isEmpty();
    }

    private void checkDeadlines(Map<String, Working> open, List<AlertChange> marks, Set<String> marked, long now) {
        for (WorkflowDefinition<?, ?> definition : workflows.values()) {
            if (definition.deadline() == null || !rules(definition.name()).contains(AlertRule.DEADLINE_MISSED)) {
                continue;
            }
            // Every unfinished run, page by page: the runs come newest first, and with a backlog of
            // more than a page the oldest, those past their deadline, would never be looked at.
            List<RunRow> unfinished = new ArrayList<>();
            for (int offset = 0; ; offset += DEADLINE_PAGE) {
                List<RunRow> page = store.listRuns(RunQuery.all().withWorkflow(definition.name())
                        .withStatuses(EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING, RunStatus.WAITING))
                        .withLimit(DEADLINE_PAGE).withOffset(offset));
                for (RunRow run : page) {
                    Long deadlineAt = deadlineAt(run);
                    if (deadlineAt != null && deadlineAt <= now) {
                        unfinished.add(run);
                    }
                }
                if (page.size() < DEADLINE_PAGE) {
                    break;
                }
            }
            for (RunRow run : unfinished) {
                Long deadlineAt = deadlineAt(run);
                String subject = "deadline:" + run.id();
                if (deadlineAt != null && deadlineAt <= now && notMarked(subject, marked)) {
                    raise(open, AlertRule.DEADLINE_MISSED, run.workflow(), run, "Run " + run.id() + " of "
                            + run.workflow() + " is still " + run.status().name().toLowerCase(java.util.Locale.ROOT)
                            + " " + late(now - deadlineAt) + " past its deadline (" + definition.deadline() + ")",
                            now, now);
                    marks.add(new AlertChange.Mark(subject, now));
                }
            }
        }
    }

    private void checkSchedules(Map<String, Working> open, List<AlertChange> marks, Set<String> marked,
                                AlertCursor cursor, long now) {
        long grace = alerts.scheduleGrace().toMillis();
        for (Map.Entry<String, List<Schedule>> entry : schedules.entrySet()) {
            String workflow = entry.getKey();
            Set<AlertRule> rules = rules(workflow);
            boolean skipped = rules.contains(AlertRule.FIRE_SKIPPED);
            boolean missed = rules.contains(AlertRule.SCHEDULE_MISSED);
            if (!skipped && !missed) {
                continue;
            }
            for (Schedule schedule : entry.getValue()) {
                ScheduleRow row = store.schedule(workflow, schedule.id()).orElse(null);
                if (row == null) {
                    continue;
                }
                List<FireRow> fires = store.fires(workflow, schedule.id(), 200);
                if (skipped) {
                    for (FireRow fire : fires) {
                        String subject = "skipped:" + workflow + "/" + schedule.id() + "@" + fire.logicalTime();
                        // Fires recorded since the previous pass (with a margin for other processes'
                        // clocks and commits); the marks keep each one alerted once.
                        if (fire.outcome().equals("SKIPPED") && fire.recordedAt() >= cursor.since()
                                && fire.recordedAt() >= cursor.checkedAt() - RECORDING_MARGIN_MILLIS
                                && notMarked(subject, marked)) {
                            raise(open, AlertRule.FIRE_SKIPPED, workflow, null, "The fire of schedule '" + schedule.id()
                                    + "' of " + workflow + " for " + Instant.ofEpochMilli(fire.logicalTime())
                                    + " was skipped: " + fire.reason(), fire.recordedAt(), now);
                            marks.add(new AlertChange.Mark(subject, now));
                        }
                    }
                }
                if (missed && !row.paused()) {
                    checkMissed(open, marks, marked, cursor, now, grace, workflow, schedule, row, fires);
                }
            }
        }
    }

    /**
     * The fires due (jitter included) between the previous pass and this one, less the grace,
     * that have no recorded fire: neither started, skipped nor held. Only fires after alerts were
     * first evaluated and after the schedule was registered count.
     */
    private void checkMissed(Map<String, Working> open, List<AlertChange> marks, Set<String> marked, AlertCursor cursor,
                             long now, long grace, String workflow, Schedule schedule, ScheduleRow row,
                             List<FireRow> fires) {
        long notBefore = Math.max(Math.max(cursor.since(), row.registeredAt()), cursor.checkedAt() - grace - 1);
        long upTo = now - grace;
        if (upTo <= notBefore) {
            return;
        }
        Map<Long, FireRow> recorded = new HashMap<>();
        long oldest = Long.MAX_VALUE;
        for (FireRow fire : fires) {
            recorded.put(fire.logicalTime(), fire);
            oldest = Math.min(oldest, fire.logicalTime());
        }
        boolean complete = fires.size() < 200;
        // Jitter delays a fire by at most its bound: look back that much further for logical times.
        Instant from = Instant.ofEpochMilli(notBefore).minus(schedule.jitter() == null ? Duration.ZERO : schedule.jitter());
        for (Instant logical : FireTimes.of(schedule).latestBefore(Instant.ofEpochMilli(upTo + 1), from, 20)) {
            long due = Jitter.dueAt(workflow, schedule, logical).toEpochMilli();
            long t = logical.toEpochMilli();
            if (due <= notBefore || due > upTo || t < row.registeredAt() || (!complete && t < oldest)) {
                continue;
            }
            FireRow fire = recorded.get(t);
            RunRow run = null;
            String why;
            if (fire == null) {
                why = "did not start within " + alerts.scheduleGrace() + " of it: no worker handled it";
            } else if (fire.outcome().equals("STARTED") && fire.runId() != null) {
                // Its run was created; it counts as started once a worker began executing it.
                run = store.findRun(fire.runId()).orElse(null);
                if (run == null || (run.startedAt() != null && run.startedAt() <= due + grace)) {
                    continue;
                }
                why = "created run " + run.id() + ", which " + (run.startedAt() == null
                        ? "has not begun executing" : "began executing only at " + Instant.ofEpochMilli(run.startedAt()))
                        + " (grace " + alerts.scheduleGrace() + "): no worker took it in time";
            } else {
                continue; // skipped (its own rule) or held by the overlap policy
            }
            String subject = "missed:" + workflow + "/" + schedule.id() + "@" + t;
            if (notMarked(subject, marked)) {
                raise(open, AlertRule.SCHEDULE_MISSED, workflow, run, "The fire of schedule '" + schedule.id() + "' of "
                        + workflow + " due at " + Instant.ofEpochMilli(due) + " " + why,
                        due + alerts.scheduleGrace().toMillis(), now);
                marks.add(new AlertChange.Mark(subject, now));
            }
        }
    }

    private void raise(Map<String, Working> open, AlertRule cause, String workflow, RunRow run, String summary, long at,
                       long now) {
        String key = workflow + "/" + cause.name();
        Working w = open.get(key);
        String runId = run == null ? null : run.id();
        if (w != null && !w.row.open()) {
            finished.add(w);
            w = null;
        }
        if (w == null) {
            w = new Working(new IncidentRow(0, key, workflow, cause.name(), "OPEN", 1, 1, at, at, now, null, runId,
                    summary), true);
            w.notify = "TRIGGER";
            open.put(key, w);
        } else {
            IncidentRow r = w.row;
            w.row = new IncidentRow(r.id(), r.dedupKey(), r.workflow(), r.cause(), r.status(), r.count() + 1,
                    r.notifiedCount(), r.firstAt(), Math.max(r.lastAt(), at), r.notifiedAt(), r.resolvedAt(), runId,
                    summary);
            w.changed = true;
        }
        w.latestRun = run;
    }

    /**
     * Whether {@code run} began after the run that last fed the incident: only a later run shows
     * that the workflow recovered. With runs in parallel (one per customer, say), a run started
     * before the failing one and finishing after it says nothing about that failure.
     */
    private boolean begunAfter(RunRow run, Working w) {
        String failedId = w.row.runId();
        if (failedId == null || failedId.equals(run.id())) {
            return failedId == null;
        }
        RunRow failed = w.latestRun != null && w.latestRun.id().equals(failedId) ? w.latestRun
                : store.findRun(failedId).orElse(null);
        // A failed run that is gone from the store cannot be compared: the completion resolves.
        return failed == null || run.createdAt() > failed.createdAt()
                || run.createdAt() == failed.createdAt() && run.id().compareTo(failed.id()) > 0;
    }

    private void resolve(Map<String, Working> open, RunRow run, long at, long now, boolean notify) {
        for (Working w : open.values()) {
            IncidentRow r = w.row;
            if (!r.workflow().equals(run.workflow()) || !r.open() || !begunAfter(run, w)) {
                continue;
            }
            w.row = new IncidentRow(r.id(), r.dedupKey(), r.workflow(), r.cause(), "RESOLVED", r.count(), r.count(),
                    r.firstAt(), r.lastAt(), now, at, run.id(), "Recovered: run " + run.id() + " of " + run.workflow()
                    + " completed on time after " + r.count() + " failure" + (r.count() == 1 ? "" : "s") + " ("
                    + r.summary() + ")");
            w.changed = true;
            w.latestRun = run;
            // A trigger not yet sent still goes first, so that channels see the incident and its end.
            if (notify) {
                w.notify = w.fresh ? "TRIGGER+RESOLVE" : "RESOLVE";
            } else if (!w.fresh) {
                w.notify = null;
            }
        }
    }

    /** Open incidents with failures not yet told of, whose throttle window has passed, are told again. */
    private void remind(Map<String, Working> open, long now) {
        long throttle = alerts.throttle().toMillis();
        for (Working w : open.values()) {
            IncidentRow r = w.row;
            if (!w.fresh && r.open() && r.count() > r.notifiedCount() && now - r.notifiedAt() >= throttle) {
                w.notify = "REPEAT";
                w.changed = true;
            }
        }
    }

    private List<DeliveryRow> deliveries(Working w, long now) {
        IncidentRow r = w.row;
        if (r.open()) {
            w.row = new IncidentRow(r.id(), r.dedupKey(), r.workflow(), r.cause(), r.status(), r.count(), r.count(),
                    r.firstAt(), r.lastAt(), now, r.resolvedAt(), r.runId(), r.summary());
        }
        WorkflowDefinition<?, ?> definition = workflows.get(r.workflow());
        String owner = definition == null ? null : definition.owner();
        List<DeliveryRow> out = new ArrayList<>();
        for (String action : w.notify.split("\\+")) {
            String message = message(action, w, definition, now);
            for (String channel : alerts.channelsFor(owner)) {
                out.add(DeliveryRow.pending(channel, action, message, now));
            }
        }
        return out;
    }

    private String message(String action, Working w, WorkflowDefinition<?, ?> definition, long now) {
        IncidentRow r = w.row;
        RunRow run = w.latestRun;
        boolean resolve = action.equals("RESOLVE");
        String cause = words(r.cause());
        String title = switch (action) {
            case "RESOLVE" -> "[Baton] RESOLVED " + r.workflow() + ": " + cause;
            case "REPEAT" -> "[Baton] " + r.workflow() + ": " + cause + " (" + r.count() + " since "
                    + Instant.ofEpochMilli(r.firstAt()) + ")";
            default -> "[Baton] " + r.workflow() + ": " + cause + (r.count() > 1 ? " (" + r.count() + " times)" : "");
        };
        String summary = r.summary();
        if (action.equals("TRIGGER") && !r.open()) {
            // Opened and resolved in one pass: the trigger tells of the failure, not of the recovery.
            summary = r.count() + " failure(s) of " + r.workflow() + " (" + cause + ")";
        }
        String runId = run == null ? r.runId() : run.id();
        String error = run == null || resolve ? null : errorOf(run);
        List<String> logs = run == null || resolve || run.status() == RunStatus.COMPLETED ? List.of() : logExcerpt(run);
        AlertNotice notice = new AlertNotice(action, r.id(), r.dedupKey(), r.cause(), r.workflow(), runId,
                runId == null ? null : runUrl(runId), definition == null ? null : definition.owner(),
                definition == null ? null : definition.runbook(), title, summary, error, logs, r.count(),
                Instant.ofEpochMilli(r.firstAt()).toString(), Instant.ofEpochMilli(now).toString());
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the alert of " + r.dedupKey() + " could not be written as JSON", e);
        }
    }

    private String runUrl(String runId) {
        String path = "/ui/runs/" + java.net.URLEncoder.encode(runId, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        if (alerts.baseUrl() == null) {
            return path;
        }
        String base = alerts.baseUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private String errorOf(RunRow run) {
        if (run.error() == null) {
            return null;
        }
        try {
            JsonNode error = json.readTree(run.error());
            String type = error.path("type").asText(null);
            String message = error.path("message").asText(null);
            return cut(message == null ? type : type == null ? message : type + ": " + message);
        } catch (JsonProcessingException e) {
            return cut(run.error());
        }
    }

    /** @return the last lines of the failed step's log (of the whole run when no step failed) */
    private List<String> logExcerpt(RunRow run) {
        Integer failedSeq = null;
        for (StepRow step : store.steps(run.id())) {
            if (step.status() == StepStatus.FAILED) {
                failedSeq = step.seq();
            }
        }
        java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
        long after = 0;
        while (true) {
            List<LogRow> page = store.logs(run.id(), after, 2_000);
            for (LogRow line : page) {
                if (failedSeq == null || line.seq() == failedSeq) {
                    if (last.size() == LOG_LINES) {
                        last.removeFirst();
                    }
                    String text = line.line();
                    last.addLast(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text);
                }
                after = line.id();
            }
            if (page.size() < 2_000) {
                return List.copyOf(last);
            }
        }
    }

    private static String cut(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        int end = Character.isHighSurrogate(error.charAt(MAX_ERROR - 1)) ? MAX_ERROR - 1 : MAX_ERROR;
        return error.substring(0, end) + "… (" + (error.length() - end) + " more characters; see the run)";
    }

    private static String words(String cause) {
        return switch (cause) {
            case "RUN_FAILED" -> "run failed";
            case "DEADLINE_MISSED" -> "deadline missed";
            case "SCHEDULE_MISSED" -> "scheduled fire missed";
            case "FIRE_SKIPPED" -> "scheduled fire skipped";
            default -> cause.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String late(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "." + (d.toMillisPart() / 100) + "s";
    }
}
