package dev.baton.server.ui;

import dev.baton.LockSpec;
import dev.baton.ScheduleInfo;
import dev.baton.Trigger;
import dev.baton.WorkflowInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflows and what ties them, drawn as SVG on the server: workflows in columns by trigger
 * depth (a workflow stands right of the ones that start it), solid arrows for triggers, and the
 * locks and pools in a column of their own with dashed lines to the workflows that hold them.
 * Workflows sharing a lock never run at once; the picture makes that visible.
 */
final class GraphSvg {
    private static final int NODE_W = 230;
    private static final int NODE_H = 54;
    private static final int COL_W = 300;
    private static final int ROW_H = 74;
    private static final int PAD = 16;
    private static final int LOCK_W = 190;
    private static final int LOCK_H = 40;

    private GraphSvg() {
    }

    static void render(Html html, List<WorkflowInfo> workflows, List<ScheduleInfo> schedules) {
        Map<String, WorkflowInfo> byName = new LinkedHashMap<>();
        workflows.forEach(w -> byName.put(w.name(), w));
        Map<String, Integer> depth = new HashMap<>();
        for (WorkflowInfo w : workflows) {
            depthOf(w.name(), byName, depth, 0);
        }
        int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        // Rows: workflows nobody triggers in registration order; each triggered one beside its
        // first-placed upstream, or in the next free row below, so that a chain reads left to right.
        Map<String, int[]> at = new HashMap<>();
        Map<String, Integer> rowOf = new HashMap<>();
        List<java.util.Set<Integer>> taken = new ArrayList<>();
        for (int c = 0; c <= columns; c++) {
            taken.add(new java.util.HashSet<>());
        }
        // Workflows tied to others (by a trigger or a lock) come first, so that the ties are drawn
        // at the top; the ones standing alone follow.
        java.util.Set<String> tied = new java.util.HashSet<>();
        for (WorkflowInfo w : workflows) {
            if (!w.triggers().isEmpty() || !w.locks().isEmpty()) {
                tied.add(w.name());
                w.triggers().forEach(t -> tied.addAll(t.upstream()));
            }
        }
        List<WorkflowInfo> byDepth = new ArrayList<>(workflows);
        byDepth.sort(java.util.Comparator.<WorkflowInfo>comparingInt(w -> depth.get(w.name()))
                .thenComparing(w -> !tied.contains(w.name())));
        for (WorkflowInfo w : byDepth) {
            int col = depth.get(w.name());
            int wanted = 0;
            if (col > 0) {
                wanted = w.triggers().stream().flatMap(t -> t.upstream().stream()).filter(rowOf::containsKey)
                        .mapToInt(rowOf::get).min().orElse(0);
            }
            int row = freeRow(taken.get(col), wanted);
            rowOf.put(w.name(), row);
            at.put(w.name(), new int[]{PAD + col * COL_W, PAD + row * ROW_H});
        }
        Map<String, LockSpec> locks = new LinkedHashMap<>();
        Map<String, List<String>> holders = new LinkedHashMap<>();
        for (WorkflowInfo w : workflows) {
            for (LockSpec lock : w.locks()) {
                locks.putIfAbsent(lock.name(), lock);
                holders.computeIfAbsent(lock.name(), k -> new ArrayList<>()).add(w.name());
            }
        }
        // Each lock beside the first of its holders, or in the next free row below.
        Map<String, int[]> lockAt = new HashMap<>();
        int lockX = PAD + columns * COL_W + 40;
        for (String name : locks.keySet()) {
            int wanted = holders.get(name).stream().mapToInt(rowOf::get).min().orElse(0);
            int row = freeRow(taken.get(columns), wanted);
            lockAt.put(name, new int[]{lockX, PAD + 7 + row * ROW_H});
        }
        int maxRows = taken.stream().flatMap(java.util.Set::stream).mapToInt(r -> r + 1).max().orElse(0);
        int width = locks.isEmpty() ? PAD + columns * COL_W : lockX + LOCK_W + PAD;
        int height = Math.max(1, maxRows) * ROW_H + PAD;

        Map<String, List<String>> scheduleWords = new HashMap<>();
        schedules.forEach(s -> scheduleWords.computeIfAbsent(s.workflow(), k -> new ArrayList<>())
                .add((s.paused() ? "paused: " : "") + s.description()));

        html.raw("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"workflow graph\" ")
                .raw("viewBox=\"0 0 " + width + " " + height + "\" width=\"" + width + "\" height=\"" + height + "\">")
                .raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                        + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/>"
                        + "</marker></defs>");
        // Edges first, so that nodes are drawn over them.
        for (WorkflowInfo w : workflows) {
            int[] to = at.get(w.name());
            for (Trigger trigger : w.triggers()) {
                for (String upstream : trigger.upstream()) {
                    int[] from = at.get(upstream);
                    if (from == null) {
                        continue;
                    }
                    int x1 = from[0] + NODE_W;
                    int y1 = from[1] + NODE_H / 2;
                    int x2 = to[0];
                    int y2 = to[1] + NODE_H / 2;
                    int mid = (x1 + x2) / 2;
                    html.raw("<path class=\"edge trigger\" marker-end=\"url(#arrow)\" d=\"M" + x1 + "," + y1 + " C" + mid + ","
                            + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2 + "\"><title>").text(w.name() + " starts "
                            + Words.trigger(trigger)).raw("</title></path>");
                    html.raw("<text class=\"edge-label\" x=\"" + mid + "\" y=\"" + ((y1 + y2) / 2 - 4)
                            + "\" text-anchor=\"middle\">").text(Words.edge(trigger)).raw("</text>");
                }
            }
        }
        // Lock edges leave a workflow to the right, drop into the gap below its row and run along it
        // to the lock column, so that they never cross another workflow's box.
        // Each lock has its own colour and its own lane (an offset in the gaps), so that edges to
        // different locks never merge.
        List<String> lockNames = new ArrayList<>(holders.keySet());
        holders.forEach((lock, names) -> {
            int[] l = lockAt.get(lock);
            int lane = lockNames.indexOf(lock);
            for (String name : names) {
                int[] n = at.get(name);
                int x1 = n[0] + NODE_W;
                int y1 = n[1] + NODE_H / 2;
                int xOut = x1 + 10 + (lane % 5) * 6;
                int yGap = n[1] + NODE_H + 4 + (lane % 4) * 4;
                int xIn = l[0] - 12 - (lane % 5) * 7;
                int y2 = l[1] + LOCK_H / 2;
                html.raw("<path class=\"edge lock c" + (lane % 5) + "\" d=\"M" + x1 + "," + y1 + " H" + xOut + " V" + yGap + " H" + xIn
                        + " V" + y2 + " H" + l[0] + "\"><title>").text(name + " holds " + lock + " for each run")
                        .raw("</title></path>");
            }
        });
        for (WorkflowInfo w : workflows) {
            int[] n = at.get(w.name());
            List<String> words = scheduleWords.getOrDefault(w.name(), List.of());
            String sub = !words.isEmpty() ? "on schedule: " + words.get(0) + (words.size() > 1 ? " +" + (words.size() - 1) : "")
                    : w.triggers().isEmpty() ? "started by hand" : "started by trigger";
            html.raw("<a href=\"#wf-").raw(Html.escape(w.name())).raw("\"><g class=\"node\"><title>")
                    .text(w.name() + (w.description().isEmpty() ? "" : ": " + w.description())).raw("</title>")
                    .raw("<rect x=\"" + n[0] + "\" y=\"" + n[1] + "\" width=\"" + NODE_W + "\" height=\"" + NODE_H
                            + "\" rx=\"8\"/>")
                    .raw("<text class=\"node-name\" x=\"" + (n[0] + 12) + "\" y=\"" + (n[1] + 22) + "\">")
                    .text(clip(w.name(), 26)).raw("</text>")
                    .raw("<text class=\"node-sub\" x=\"" + (n[0] + 12) + "\" y=\"" + (n[1] + 41) + "\">")
                    .text(clip(sub, 36)).raw("</text></g></a>");
        }
        locks.forEach((name, spec) -> {
            int[] l = lockAt.get(name);
            html.raw("<g class=\"lock-node c" + (lockNames.indexOf(name) % 5) + "\"><title>").text(Words.lock(spec) + ", held by " + String.join(", ",
                            holders.get(name))).raw("</title>")
                    .raw("<rect x=\"" + l[0] + "\" y=\"" + l[1] + "\" width=\"" + LOCK_W + "\" height=\"" + LOCK_H
                            + "\" rx=\"20\"/>")
                    .raw("<text x=\"" + (l[0] + LOCK_W / 2) + "\" y=\"" + (l[1] + 25) + "\" text-anchor=\"middle\">")
                    .text(clip((spec.slots() == 1 ? "lock " : "pool ") + name + (spec.slots() == 1 ? "" : " ×" + spec.slots()), 24))
                    .raw("</text></g>");
        });
        html.raw("</svg>");
    }

    private static int freeRow(java.util.Set<Integer> taken, int wanted) {
        int row = wanted;
        while (taken.contains(row)) {
            row++;
        }
        taken.add(row);
        return row;
    }

    /** Depth = 1 + the deepest upstream; cycles are refused by the engine, the guard only stops runaway input. */
    private static int depthOf(String name, Map<String, WorkflowInfo> byName, Map<String, Integer> depth, int guard) {
        Integer known = depth.get(name);
        if (known != null) {
            return known;
        }
        WorkflowInfo w = byName.get(name);
        int d = 0;
        if (w != null && guard < byName.size()) {
            for (Trigger trigger : w.triggers()) {
                for (String upstream : trigger.upstream()) {
                    if (byName.containsKey(upstream)) {
                        d = Math.max(d, depthOf(upstream, byName, depth, guard + 1) + 1);
                    }
                }
            }
        }
        depth.put(name, d);
        return d;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
