package dev.baton.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where alerts are sent. Created by the static methods, which check their input at once and
 * refuse a malformed URL or address with an error naming the field; then named in
 * {@link Alerts.Builder#channel}. Secrets (the webhook's signing key, the SMTP password) are
 * given by name and resolved through the application's {@link dev.baton.SecretProvider} when
 * the engine is built.
 */
public sealed interface AlertChannel {

    /** @return the kind, for messages: {@code slack}, {@code pagerduty}, {@code email}, {@code webhook} */
    String kind();

    /**
     * A Slack incoming webhook.
     *
     * @param webhookUrl the webhook's URL, {@code https://hooks.slack.com/services/...}
     * @return the channel
     * @throws IllegalArgumentException when the URL is malformed
     */
    static Slack slack(String webhookUrl) {
        return new Slack(httpUrl("slack", "webhookUrl", webhookUrl));
    }

    /**
     * PagerDuty through the Events API v2.
     *
     * @param routingKey the integration's routing key (32 characters)
     * @return the channel, sending to {@link PagerDuty#DEFAULT_EVENTS_URL}
     * @throws IllegalArgumentException when the key is blank
     */
    static PagerDuty pagerDuty(String routingKey) {
        return new PagerDuty(routingKey, URI.create(PagerDuty.DEFAULT_EVENTS_URL));
    }

    /**
     * A generic webhook: a JSON body POSTed with an HMAC-SHA256 signature (see docs/alerts.md).
     *
     * @param url              where to POST
     * @param signingSecretName the name of the secret that signs the body
     * @return the channel
     * @throws IllegalArgumentException when the URL is malformed or the secret's name blank
     */
    static Webhook webhook(String url, String signingSecretName) {
        return new Webhook(httpUrl("webhook", "url", url), signingSecretName);
    }

    /**
     * E-mail over SMTP, without login; add one with {@link Email#login}.
     *
     * @param host     the SMTP server
     * @param port     its port
     * @param security how the connection is secured
     * @param from     the sender address
     * @param to       the recipients
     * @return the channel
     * @throws IllegalArgumentException when the host, port or an address is invalid
     */
    static Email email(String host, int port, SmtpSecurity security, String from, String... to) {
        return new Email(host, port, security, null, null, from, List.of(to), false);
    }

    /** Slack: see {@link #slack}. @param webhookUrl the incoming webhook */
    record Slack(URI webhookUrl) implements AlertChannel {
        /** Checks the URL. */
        public Slack {
            Objects.requireNonNull(webhookUrl, "webhookUrl");
        }

        @Override
        public String kind() {
            return "slack";
        }

        /** @return without the webhook's path, which is its secret */
        @Override
        public String toString() {
            return "Slack[webhookUrl=" + webhookUrl.getScheme() + "://" + webhookUrl.getHost() + "/…]";
        }
    }

    /**
     * PagerDuty: see {@link #pagerDuty}.
     *
     * @param routingKey the integration's routing key
     * @param eventsUrl  the Events API v2 endpoint
     */
    record PagerDuty(String routingKey, URI eventsUrl) implements AlertChannel {
        /** PagerDuty's own endpoint. */
        public static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

        /** Checks the fields. */
        public PagerDuty {
            if (routingKey == null || routingKey.isBlank()) {
                throw new IllegalArgumentException("pagerduty channel: routingKey must not be blank");
            }
            routingKey = routingKey.strip();
            Objects.requireNonNull(eventsUrl, "eventsUrl");
        }

        /**
         * @param url another endpoint (a proxy, or a test server)
         * @return a copy sending there
         * @throws IllegalArgumentException when the URL is malformed
         */
        public PagerDuty eventsUrl(String url) {
            return new PagerDuty(routingKey, httpUrl("pagerduty", "eventsUrl", url));
        }

        @Override
        public String kind() {
            return "pagerduty";
        }

        @Override
        public String toString() {
            return "PagerDuty[eventsUrl=" + eventsUrl + "]";
        }
    }

    /**
     * A signed webhook: see {@link #webhook}.
     *
     * @param url               where to POST
     * @param signingSecretName the secret that signs the body
     */
    record Webhook(URI url, String signingSecretName) implements AlertChannel {
        /** Checks the fields. */
        public Webhook {
            Objects.requireNonNull(url, "url");
            if (signingSecretName == null || signingSecretName.isBlank()) {
                throw new IllegalArgumentException("webhook channel: signingSecretName must name a secret");
            }
        }

        @Override
        public String kind() {
            return "webhook";
        }
    }

    /**
     * E-mail: see {@link #email}.
     *
     * @param host               the SMTP server
     * @param port               its port
     * @param security           how the connection is secured
     * @param user               the login, or null for none
     * @param passwordSecretName the secret holding the password, or null for none
     * @param from               the sender
     * @param to                 the recipients
     * @param trustServerCertificate whether the server's TLS certificate is accepted without a
     *                           CA's signature and a name check (an internal relay with a
     *                           self-signed certificate); false by default
     */
    record Email(String host, int port, SmtpSecurity security, String user, String passwordSecretName, String from,
                 List<String> to, boolean trustServerCertificate) implements AlertChannel {
        /** Checks the fields. */
        public Email {
            if (host == null || host.isBlank() || host.strip().contains(" ")) {
                throw new IllegalArgumentException("email channel: host must be a host name, was '" + host + "'");
            }
            host = host.strip();
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("email channel: port must be 1-65535, was " + port);
            }
            Objects.requireNonNull(security, "email channel: security (STARTTLS, SMTPS or NONE)");
            from = address("from", from);
            if (to == null || to.isEmpty()) {
                throw new IllegalArgumentException("email channel: give at least one recipient (to)");
            }
            List<String> checked = new ArrayList<>();
            for (String address : to) {
                checked.add(address("to", address));
            }
            to = List.copyOf(checked);
            if ((user == null) != (passwordSecretName == null)) {
                throw new IllegalArgumentException("email channel: give both user and passwordSecretName, or neither");
            }
        }

        /**
         * @param user               the SMTP login
         * @param passwordSecretName the name of the secret holding its password
         * @return a copy that logs in
         */
        public Email login(String user, String passwordSecretName) {
            return new Email(host, port, security, user, passwordSecretName, from, to, trustServerCertificate);
        }

        /**
         * @return a copy that accepts the server's certificate as it is: only for a relay you run,
         *         whose certificate is self-signed; the connection is still encrypted
         * @throws IllegalArgumentException with {@link SmtpSecurity#NONE}, which has no certificate
         */
        public Email trustingServerCertificate() {
            if (security == SmtpSecurity.NONE) {
                throw new IllegalArgumentException("email channel: trustingServerCertificate needs STARTTLS or SMTPS, "
                        + "security is NONE");
            }
            return new Email(host, port, security, user, passwordSecretName, from, to, true);
        }

        @Override
        public String kind() {
            return "email";
        }

        private static String address(String field, String value) {
            if (value == null || !value.strip().matches("[^@\\s<>]+@[^@\\s<>]+")) {
                throw new IllegalArgumentException("email channel: " + field + " must be an e-mail address like "
                        + "ops@example.com, was '" + value + "'");
            }
            return value.strip();
        }
    }

    private static URI httpUrl(String kind, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(kind + " channel: " + field + " must be an http(s) URL, was empty");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(kind + " channel: " + field + " '" + value + "' is not a valid URL: "
                    + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(kind + " channel: " + field + " '" + value
                    + "' must start with https:// (or http://)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(kind + " channel: " + field + " '" + value + "' has no host");
        }
        return uri;
    }
}
