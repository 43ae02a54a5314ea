package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.alert.AlertChannel;

import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} with the incident's dedup key (so that repeats
 * update one PagerDuty incident), {@code resolve} with the same key on recovery.
 */
final class PagerDutySender implements Sender {
    private final AlertChannel.PagerDuty channel;
    private final HttpPost http;
    private final ObjectMapper json;

    PagerDutySender(AlertChannel.PagerDuty channel, HttpPost http, ObjectMapper json) {
        this.channel = channel;
        this.http = http;
        this.json = json;
    }

    @Override
    public String send(AlertNotice notice, long deliveryId) throws DeliveryFailure {
        return http.post("pagerduty", channel.eventsUrl(), payload(notice), Map.of());
    }

    String payload(AlertNotice n) {
        ObjectNode root = json.createObjectNode();
        root.put("routing_key", channel.routingKey());
        boolean resolve = "RESOLVE".equals(n.action());
        root.put("event_action", resolve ? "resolve" : "trigger");
        root.put("dedup_key", n.dedupKey());
        if (resolve) {
            return root.toString();
        }
        String summary = n.count() > 1 ? n.summary() + " (" + n.count() + " failures since " + n.firstAt() + ")" : n.summary();
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
        payload.put("source", "baton:" + n.workflow());
        payload.put("severity", severity(n.cause()));
        payload.put("timestamp", n.at());
        payload.put("component", n.workflow());
        if (n.owner() != null) {
            payload.put("group", n.owner());
        }
        payload.put("class", n.cause());
        ObjectNode details = payload.putObject("custom_details");
        details.put("run_id", n.runId());
        details.put("error", n.error());
        details.put("log_excerpt", String.join("\n", n.logExcerpt()));
        details.put("owner", n.owner());
        details.put("runbook", n.runbook());
        details.put("run_url", n.runUrl());
        details.put("count", n.count());
        details.put("first_at", n.firstAt());
        root.put("client", "Baton");
        if (n.hasAbsoluteRunUrl()) {
            root.put("client_url", n.runUrl());
        }
        ArrayNode links = root.putArray("links");
        if (n.hasAbsoluteRunUrl()) {
            links.addObject().put("href", n.runUrl()).put("text", "Run " + (n.runId() == null ? "" : n.runId()));
        }
        if (n.runbook() != null && n.runbook().matches("(?i)https?://.+")) {
            links.addObject().put("href", n.runbook()).put("text", "Runbook");
        }
        return root.toString();
    }

    private static String severity(String cause) {
        return switch (cause) {
            case "RUN_FAILED" -> "critical";
            case "FIRE_SKIPPED" -> "warning";
            default -> "error";
        };
    }
}
