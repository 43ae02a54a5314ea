package dev.baton.alerts;

import java.util.List;

/**
 * What one notification says, whatever the channel: stored as JSON with its delivery (so that a
 * delivery sent after a restart says what it said when it was queued) and rendered per channel
 * when sent. The webhook channel sends it as it is.
 *
 * @param action     {@code TRIGGER}, {@code REPEAT} or {@code RESOLVE}
 * @param incidentId the incident
 * @param dedupKey   {@code workflow/cause}
 * @param cause      the rule (an {@link dev.baton.alert.AlertRule} name)
 * @param workflow   the workflow
 * @param runId      the run concerned, or null (a missed fire)
 * @param runUrl     the link to the run (absolute when a base URL is configured), or null
 * @param owner      the workflow's owner, or null
 * @param runbook    the workflow's runbook link, or null
 * @param title      one line
 * @param summary    what happened, in words
 * @param error      the run's error ({@code type: message}), or null
 * @param logExcerpt the last lines logged by the failed step (or the run), oldest first
 * @param count      failures gathered by the incident so far
 * @param firstAt    when the incident opened, ISO-8601
 * @param at         when this notification was made, ISO-8601
 */
public record AlertNotice(String action, long incidentId, String dedupKey, String cause, String workflow, String runId,
                          String runUrl, String owner, String runbook, String title, String summary, String error,
                          List<String> logExcerpt, int count, String firstAt, String at) {

    /** Copies the list. */
    public AlertNotice {
        logExcerpt = logExcerpt == null ? List.of() : List.copyOf(logExcerpt);
    }

    /** @return whether the run link is absolute (usable by Slack buttons and PagerDuty links) */
    boolean hasAbsoluteRunUrl() {
        return runUrl != null && (runUrl.startsWith("https://") || runUrl.startsWith("http://"));
    }

    /** @return the notification as plain text: what e-mail sends, and Slack's fallback */
    String text() {
        StringBuilder out = new StringBuilder();
        out.append(title).append("\n\n").append(summary).append('\n');
        if (count > 1) {
            out.append(count).append(" failures since ").append(firstAt).append('\n');
        }
        out.append('\n').append("Workflow: ").append(workflow).append('\n');
        if (runId != null) {
            out.append("Run:      ").append(runId).append('\n');
        }
        if (runUrl != null) {
            out.append("Link:     ").append(runUrl).append('\n');
        }
        out.append("Owner:    ").append(owner == null ? "(none declared)" : owner).append('\n');
        out.append("Runbook:  ").append(runbook == null ? "(none declared)" : runbook).append('\n');
        if (error != null) {
            out.append("Error:    ").append(error).append('\n');
        }
        if (!logExcerpt.isEmpty()) {
            out.append("\nLast log lines:\n");
            logExcerpt.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        out.append("\nIncident ").append(dedupKey).append(" (").append(action.toLowerCase(java.util.Locale.ROOT))
                .append(") at ").append(at).append('\n');
        return out.toString();
    }
}
