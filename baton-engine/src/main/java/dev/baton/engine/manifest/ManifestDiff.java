package dev.baton.engine.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes between a deployed manifest and a planned one, item by item: workflows (with their
 * owner, runbook, deadline and alert rules), their schedules and triggers, locks and pools. Each item is compared field by field, so a review sees
 * "overlap: SKIP → BUFFER_ONE" rather than two blobs of JSON. The code version is not an item:
 * code changes are the replay check's and the tests' to judge.
 */
public final class ManifestDiff {
    private ManifestDiff() {
    }

    /**
     * @param before the deployed manifest, or null when nothing was deployed (everything is added)
     * @param after  the planned manifest
     * @return the changes, removed items first, then changed, then added; by kind and name within each
     */
    public static List<Change> between(Manifest before, Manifest after) {
        Map<String, Map<String, String>> old = before == null ? Map.of() : items(before);
        Map<String, Map<String, String>> now = items(after);
        List<Change> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<Change> added = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            Map<String, String> b = old.get(key);
            Map<String, String> a = now.get(key);
            String kind = key.substring(key.indexOf(' ') + 1, key.indexOf('|'));
            String name = key.substring(key.indexOf('|') + 1);
            if (b == null) {
                added.add(new Change(Change.Action.ADDED, kind, name, fields(Map.of(), a)));
            } else if (a == null) {
                removed.add(new Change(Change.Action.REMOVED, kind, name, fields(b, Map.of())));
            } else if (!a.equals(b)) {
                changed.add(new Change(Change.Action.CHANGED, kind, name, fields(b, a)));
            }
        }
        List<Change> all = new ArrayList<>(removed);
        all.addAll(changed);
        all.addAll(added);
        return List.copyOf(all);
    }

    private static List<Change.FieldChange> fields(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Change.FieldChange> out = new ArrayList<>();
        for (String field : names) {
            String b = before.get(field);
            String a = after.get(field);
            if (!Objects.equals(a, b)) {
                out.add(new Change.FieldChange(field, b, a));
            }
        }
        return out;
    }

    /** Flattens a manifest into items keyed "ORDER kind|name" (locks and workflows before their parts), each a map of fields. */
    private static Map<String, Map<String, String>> items(Manifest manifest) {
        Map<String, Map<String, String>> items = new TreeMap<>();
        for (Manifest.LockItem lock : manifest.locks()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("slots", String.valueOf(lock.slots()));
            f.put("policy", lock.policy());
            put(f, "maxWait", lock.maxWait());
            items.put("1 lock|" + lock.name(), f);
        }
        for (Manifest.WorkflowItem w : manifest.workflows()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("class", w.className());
            f.put("inputType", w.inputType());
            put(f, "description", w.description().isEmpty() ? null : w.description());
            put(f, "locks", w.locks().isEmpty() ? null : String.join(", ", w.locks()));
            put(f, "concurrency", w.concurrency() == 0 ? null : w.concurrency() + (w.concurrencyPerKey() ? " per key" : ""));
            put(f, "owner", w.owner());
            put(f, "runbook", w.runbook());
            put(f, "deadline", w.deadline());
            put(f, "alertRules", w.alertRules() == null ? null
                    : w.alertRules().isEmpty() ? "none" : String.join(", ", w.alertRules()));
            items.put("2 workflow|" + w.name(), f);
            for (Manifest.ScheduleItem s : w.schedules()) {
                Map<String, String> sf = new LinkedHashMap<>();
                put(sf, "cron", s.cron());
                put(sf, "zone", s.zone());
                put(sf, "every", s.every());
                put(sf, "startingAt", s.startingAt());
                sf.put("overlap", s.overlap());
                sf.put("catchUp", s.catchUp());
                put(sf, "jitter", "PT0S".equals(s.jitter()) ? null : s.jitter());
                items.put("3 schedule|" + w.name() + " / " + s.id(), sf);
            }
            for (Manifest.TriggerItem t : w.triggers()) {
                Map<String, String> tf = new LinkedHashMap<>();
                tf.put("after", String.join(", ", t.after()));
                tf.put("when", t.when());
                tf.put("fanIn", String.valueOf(t.fanIn()));
                items.put("4 trigger|" + w.name() + " after " + t.key(), tf);
            }
        }
        return items;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
