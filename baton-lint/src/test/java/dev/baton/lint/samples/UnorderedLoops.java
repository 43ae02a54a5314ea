package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Names steps while iterating hash-ordered collections, and the ordered ways to do the same. */
public final class UnorderedLoops implements Workflow<List<String>, Integer> {
    @Override
    public Integer run(Flow flow, List<String> regions) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String region : regions) {
            sizes.put(region, region.length());
        }
        for (String region : sizes.keySet()) { // expect: unordered-iteration
            flow.step("sync-" + region, () -> region);
        }
        sizes.forEach((region, size) -> flow.step("size-" + region, () -> size)); // expect: unordered-iteration
        for (String tier : Set.of("gold", "silver")) { // expect: unordered-iteration
            flow.step("tier-" + tier, () -> tier);
        }
        regions.stream().collect(Collectors.toSet()).stream()
                .forEach(region -> flow.step("set-" + region, () -> region)); // expect: unordered-iteration
        List<String> copied = new ArrayList<>(new HashSet<>(regions));
        for (int i = 0; i < copied.size(); i++) {
            String region = copied.get(i); // expect: unordered-iteration
            flow.step("copied-" + region, () -> region);
        }
        flow.step("all " + sizes.keySet(), () -> 1); // expect: unordered-iteration
        flow.forEach("each", new ArrayList<>(sizes.keySet()), region -> region); // expect: unordered-iteration
        List<String> synced = sizes.keySet().stream()
                .map(region -> flow.step("map-" + region, () -> region)) // expect: unordered-iteration
                .toList();
        sizes.computeIfAbsent("new", region -> flow.step("one-key", () -> 1));

        // Ordered: none of these is a finding.
        Map<String, Integer> sorted = new TreeMap<>(sizes);
        for (String region : sorted.keySet()) {
            flow.step("sorted-" + region, () -> region);
        }
        Map<String, Integer> inserted = new LinkedHashMap<>();
        inserted.put("a", 1);
        inserted.forEach((region, size) -> flow.step("inserted-" + region, () -> size));
        sizes.keySet().stream().sorted().forEach(region -> flow.step("stream-" + region, () -> region));
        List<String> sortedCopy = new ArrayList<>(sizes.keySet());
        Collections.sort(sortedCopy);
        for (String region : sortedCopy) {
            flow.step("sorted-copy-" + region, () -> region);
        }
        flow.forEach("each-sorted", sortedCopy, region -> region);
        for (String region : new TreeSet<>(sizes.keySet())) {
            flow.step("tree-" + region, () -> region);
        }
        int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
        return total + sizes.get("eu") + (sizes.containsKey("us") ? 1 : 0) + synced.size();
    }
}
