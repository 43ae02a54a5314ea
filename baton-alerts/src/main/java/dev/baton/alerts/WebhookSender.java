package dev.baton.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.alert.AlertChannel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * A generic webhook: the notification as JSON, signed. The signature is
 * {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} in {@value #SIGNATURE}, with
 * the Unix time in seconds in {@value #TIMESTAMP}: a receiver recomputes it over the raw body and
 * refuses old timestamps, so that a captured request cannot be replayed later.
 */
final class WebhookSender implements Sender {
    static final String SIGNATURE = "X-Baton-Signature";
    static final String TIMESTAMP = "X-Baton-Timestamp";
    static final String DELIVERY = "X-Baton-Delivery";

    private final AlertChannel.Webhook channel;
    private final byte[] secret;
    private final HttpPost http;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookSender(AlertChannel.Webhook channel, String secret, HttpPost http, ObjectMapper json, Clock clock) {
        this.channel = channel;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String send(AlertNotice notice, long deliveryId) throws DeliveryFailure {
        String body;
        try {
            body = json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailure("webhook: the notification could not be written as JSON: " + e.getMessage(), false, e);
        }
        String timestamp = Long.toString(clock.millis() / 1000);
        return http.post("webhook", channel.url(), body, Map.of(TIMESTAMP, timestamp,
                SIGNATURE, "sha256=" + sign(secret, timestamp, body), DELIVERY, Long.toString(deliveryId)));
    }

    /**
     * @param secret    the shared secret
     * @param timestamp the {@value #TIMESTAMP} header
     * @param body      the raw body
     * @return the lowercase hex HMAC-SHA256 of {@code timestamp + "." + body}
     */
    static String sign(byte[] secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
