package dev.baton.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scan found.
 *
 * @param workflows  the workflow entry points checked: {@code com.acme.Nightly.run}, or a lambda's
 *                   class and line for a workflow written as a lambda
 * @param findings   the places that break replay, by file and line
 * @param suppressed the places a {@link dev.baton.SuppressDeterminism} covers, with its reason,
 *                   listed so that a reviewer sees them
 */
public record LintReport(List<String> workflows, List<Finding> findings, List<Finding> suppressed) {

    /** Copies the lists. */
    public LintReport {
        workflows = List.copyOf(workflows);
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
    }

    /** @return whether nothing was found (suppressed findings do not count) */
    public boolean clean() {
        return findings.isEmpty();
    }

    /**
     * @return the report as lines: one per finding, then one per suppressed finding, then a summary
     * such as {@code 3 workflows checked: 2 findings, 1 suppressed}
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        findings.forEach(finding -> lines.add(finding.toString()));
        suppressed.forEach(finding -> lines.add(finding.toString()));
        lines.add(summary());
        return lines;
    }

    /** @return {@code 3 workflows checked: 2 findings, 1 suppressed} */
    public String summary() {
        String checked = workflows.size() + (workflows.size() == 1 ? " workflow" : " workflows") + " checked: ";
        String found = findings.isEmpty() ? "no findings"
                : findings.size() + (findings.size() == 1 ? " finding" : " findings");
        return checked + found + (suppressed.isEmpty() ? "" : ", " + suppressed.size() + " suppressed");
    }
}
