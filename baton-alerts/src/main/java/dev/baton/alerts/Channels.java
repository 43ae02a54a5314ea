package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.SecretProvider;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.Alerts;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured channels, ready to send: their secrets resolved when the engine is built. */
final class Channels implements AutoCloseable {
    private final Map<String, Sender> senders;
    private final HttpPost http;

    private Channels(Map<String, Sender> senders, HttpPost http) {
        this.senders = senders;
        this.http = http;
    }

    /**
     * @param alerts  the settings
     * @param secrets the application's secrets
     * @param json    JSON
     * @param clock   for webhook timestamps
     * @return the channels
     * @throws IllegalArgumentException naming the channel when a secret it names is unknown
     */
    static Channels of(Alerts alerts, SecretProvider secrets, ObjectMapper json, Clock clock) {
        HttpPost http = new HttpPost(alerts.requestTimeout());
        Map<String, Sender> senders = new LinkedHashMap<>();
        alerts.channels().forEach((name, channel) -> senders.put(name, switch (channel) {
            case AlertChannel.Slack slack -> new SlackSender(slack, http, json);
            case AlertChannel.PagerDuty pd -> new PagerDutySender(pd, http, json);
            case AlertChannel.Webhook hook -> new WebhookSender(hook,
                    secret(secrets, name, "signingSecretName", hook.signingSecretName()), http, json, clock);
            case AlertChannel.Email email -> new EmailSender(email, email.passwordSecretName() == null ? null
                    : secret(secrets, name, "passwordSecretName", email.passwordSecretName()), alerts.requestTimeout());
        }));
        return new Channels(senders, http);
    }

    /** @param name a channel's name @return its sender, if configured in this process */
    Optional<Sender> sender(String name) {
        return Optional.ofNullable(senders.get(name));
    }

    /** Stops the HTTP client's threads. */
    @Override
    public void close() {
        http.close();
    }

    private static String secret(SecretProvider secrets, String channel, String field, String name) {
        Optional<String> value = secrets == null ? Optional.empty() : secrets.resolve(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            throw new IllegalArgumentException("alerts: channel '" + channel + "' needs the secret '" + name + "' ("
                    + field + "), which the secret provider does not know; define it (for instance as an environment "
                    + "variable) or configure BatonBuilder.secrets(...)");
        }
        return value.get();
    }
}
