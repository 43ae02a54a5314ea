package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.alert.AlertChannel;

import java.util.Map;

/**
 * Slack incoming webhook: {@code text} (the notification in one line, shown in notifications)
 * and {@code blocks}: a header, the facts, the log excerpt, and buttons to the run and the
 * runbook when their links are absolute (Slack refuses relative ones).
 */
final class SlackSender implements Sender {
    private static final int MAX_SECTION = 2900;
    private final AlertChannel.Slack channel;
    private final HttpPost http;
    private final ObjectMapper json;

    SlackSender(AlertChannel.Slack channel, HttpPost http, ObjectMapper json) {
        this.channel = channel;
        this.http = http;
        this.json = json;
    }

    @Override
    public String send(AlertNotice notice, long deliveryId) throws DeliveryFailure {
        return http.post("slack", channel.webhookUrl(), payload(notice), Map.of());
    }

    String payload(AlertNotice n) {
        ObjectNode root = json.createObjectNode();
        String link = n.hasAbsoluteRunUrl() ? " <" + n.runUrl() + "|" + (n.runId() == null ? "open" : n.runId()) + ">" : "";
        root.put("text", n.title() + link);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(n.title(), 150));
        StringBuilder facts = new StringBuilder(escape(n.summary())).append('\n');
        if (n.count() > 1) {
            facts.append('*').append(n.count()).append(" failures* since ").append(n.firstAt()).append('\n');
        }
        facts.append("*Workflow:* ").append(escape(n.workflow())).append('\n');
        if (n.runId() != null) {
            facts.append("*Run:* ").append(n.hasAbsoluteRunUrl() ? "<" + n.runUrl() + "|" + escape(n.runId()) + ">"
                    : escape(n.runId()) + (n.runUrl() == null ? "" : " (" + escape(n.runUrl()) + ")")).append('\n');
        }
        facts.append("*Owner:* ").append(n.owner() == null ? "_none declared_" : escape(n.owner())).append('\n');
        if (n.runbook() != null) {
            facts.append("*Runbook:* ").append(escape(n.runbook())).append('\n');
        }
        if (n.error() != null) {
            facts.append("*Error:* `").append(escape(n.error()).replace('`', '\'')).append("`\n");
        }
        section(blocks, facts.toString());
        if (!n.logExcerpt().isEmpty()) {
            section(blocks, logSection(n.logExcerpt()));
        }
        ArrayNode buttons = json.createArrayNode();
        if (n.hasAbsoluteRunUrl()) {
            button(buttons, "Open run", n.runUrl());
        }
        if (n.runbook() != null && n.runbook().matches("(?i)https?://.+")) {
            button(buttons, "Runbook", n.runbook());
        }
        if (!buttons.isEmpty()) {
            blocks.addObject().put("type", "actions").set("elements", buttons);
        }
        return root.toString();
    }

    /**
     * The log excerpt as a code block within a section's limit: the newest lines are kept (they
     * tell how the step failed), the oldest dropped, and the block is always closed.
     */
    static String logSection(java.util.List<String> lines) {
        String head = "*Last log lines*\n```";
        String tail = "```";
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        int length = head.length() + tail.length();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = escape(lines.get(i)).replace("```", "'''");
            int more = line.length() + (kept.isEmpty() ? 0 : 1);
            if (length + more > MAX_SECTION) {
                if (kept.isEmpty()) {
                    kept.addFirst(line.substring(line.length() - (MAX_SECTION - length)));
                }
                break;
            }
            kept.addFirst(line);
            length += more;
        }
        return head + String.join("\n", kept) + tail;
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", cut(text, MAX_SECTION));
    }

    private static void button(ArrayNode buttons, String label, String url) {
        ObjectNode button = buttons.addObject().put("type", "button").put("url", url);
        button.putObject("text").put("type", "plain_text").put("text", label);
    }

    /** Slack's mrkdwn needs only these three escaped. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
