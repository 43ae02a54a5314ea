package dev.baton.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The alert settings of an application: named channels, routes from workflow owners to channels,
 * the rules on by default, and the timing of checks, throttling and delivery. Given to
 * {@link dev.baton.BatonBuilder#alerts}; needs the module {@code dev.baton:baton-alerts} on the
 * class path. See docs/alerts.md.
 *
 * <pre>{@code
 * Alerts.builder()
 *     .channel("data-slack", AlertChannel.slack("https://hooks.slack.com/services/T0/B0/XYZ"))
 *     .channel("data-pager", AlertChannel.pagerDuty("0123456789abcdef0123456789abcdef"))
 *     .route("team-data", "data-slack", "data-pager")
 *     .defaultRoute("data-slack")
 *     .baseUrl("https://baton.example.com")
 *     .build();
 * }</pre>
 *
 * @param channels       the channels by name
 * @param routes         by workflow owner, the channels its alerts go to
 * @param defaultRoute   the channels of workflows without an owner, or whose owner has no route
 * @param rules          the rules on for workflows that do not declare their own
 * @param scheduleGrace  how long after its due time a fire may start before it counts as missed
 * @param throttle       the shortest time between two notifications of one open incident
 * @param baseUrl        the server's address, for links to runs; or null (links are relative)
 * @param checkEvery     how often the store is looked at for new failures, deadlines and fires
 * @param maxAttempts    how often a delivery is tried before it is marked failed
 * @param firstRetry     the wait before the second attempt; it doubles with each attempt
 * @param maxRetryWait   the longest wait between attempts
 * @param requestTimeout how long one HTTP request or SMTP conversation may take
 */
public record Alerts(Map<String, AlertChannel> channels, Map<String, List<String>> routes, List<String> defaultRoute,
                     Set<AlertRule> rules, Duration scheduleGrace, Duration throttle, URI baseUrl,
                     Duration checkEvery, int maxAttempts, Duration firstRetry, Duration maxRetryWait,
                     Duration requestTimeout) {

    /** Checks that every route names a configured channel and every duration is positive. */
    public Alerts {
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(channels, "channels")));
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("alerts: configure at least one channel (Alerts.builder().channel(...))");
        }
        Map<String, List<String>> copied = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> route : Objects.requireNonNull(routes, "routes").entrySet()) {
            copied.put(route.getKey(), targets(channels, "route of owner '" + route.getKey() + "'", route.getValue()));
        }
        routes = Collections.unmodifiableMap(copied);
        defaultRoute = targets(channels, "default route", defaultRoute == null ? List.of() : defaultRoute);
        rules = Collections.unmodifiableSet(rules == null || rules.isEmpty()
                ? EnumSet.noneOf(AlertRule.class) : EnumSet.copyOf(rules));
        positive("scheduleGrace", scheduleGrace, true);
        positive("throttle", throttle, true);
        positive("checkEvery", checkEvery, false);
        positive("firstRetry", firstRetry, false);
        positive("maxRetryWait", maxRetryWait, false);
        positive("requestTimeout", requestTimeout, false);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("alerts: maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    /** @return a builder with the defaults: every rule on, 5 minutes' grace, 30 minutes' throttle */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param owner a workflow's owner, or null
     * @return the channels its alerts go to: the owner's route, or else the default route
     */
    public List<String> channelsFor(String owner) {
        List<String> routed = owner == null ? null : routes.get(owner);
        return routed != null ? routed : defaultRoute;
    }

    private static List<String> targets(Map<String, AlertChannel> channels, String what, List<String> names) {
        List<String> checked = new ArrayList<>();
        for (String name : names) {
            if (!channels.containsKey(name)) {
                throw new IllegalArgumentException("alerts: the " + what + " names the channel '" + name
                        + "', which is not configured; configured channels: " + channels.keySet());
            }
            if (!checked.contains(name)) {
                checked.add(name);
            }
        }
        return List.copyOf(checked);
    }

    private static void positive(String field, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException("alerts: " + field + " must be " + (zeroAllowed ? ">= 0" : "> 0")
                    + ", was " + value);
        }
    }

    /** Gathers alert settings; {@link #build()} checks them together. */
    public static final class Builder {
        private final Map<String, AlertChannel> channels = new LinkedHashMap<>();
        private final Map<String, List<String>> routes = new LinkedHashMap<>();
        private List<String> defaultRoute;
        private Set<AlertRule> rules = EnumSet.allOf(AlertRule.class);
        private Duration scheduleGrace = Duration.ofMinutes(5);
        private Duration throttle = Duration.ofMinutes(30);
        private URI baseUrl;
        private Duration checkEvery = Duration.ofSeconds(5);
        private int maxAttempts = 6;
        private Duration firstRetry = Duration.ofSeconds(5);
        private Duration maxRetryWait = Duration.ofMinutes(5);
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * @param name    the channel's name, used by routes and shown with each delivery
         * @param channel the channel
         * @return this
         */
        public Builder channel(String name, AlertChannel channel) {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("alerts: a channel's name must be 1-64 letters, digits, '.', '_' "
                        + "or '-', was '" + name + "'");
            }
            if (channels.containsKey(name)) {
                throw new IllegalArgumentException("alerts: the channel '" + name + "' is configured twice");
            }
            channels.put(name, Objects.requireNonNull(channel, "channel"));
            return this;
        }

        /**
         * @param owner    a workflow owner as declared with {@code withOwner}
         * @param channels the names of the channels its alerts go to
         * @return this
         */
        public Builder route(String owner, String... channels) {
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("alerts: a route needs an owner");
            }
            routes.put(owner.strip(), List.of(channels));
            return this;
        }

        /**
         * @param channels the channels of workflows without an owner or whose owner has no route;
         *                 default: every channel
         * @return this
         */
        public Builder defaultRoute(String... channels) {
            this.defaultRoute = List.of(channels);
            return this;
        }

        /**
         * @param value the rules on for workflows that do not declare their own; default all
         * @return this
         */
        public Builder rules(AlertRule... value) {
            this.rules = value.length == 0 ? EnumSet.noneOf(AlertRule.class) : EnumSet.copyOf(List.of(value));
            return this;
        }

        /** @param value how late a fire may start before it counts as missed (>= 0) @return this */
        public Builder scheduleGrace(Duration value) {
            this.scheduleGrace = value;
            return this;
        }

        /** @param value the shortest time between notifications of one incident (>= 0) @return this */
        public Builder throttle(Duration value) {
            this.throttle = value;
            return this;
        }

        /**
         * @param value the server's address as people reach it, e.g. {@code https://baton.example.com}
         * @return this
         * @throws IllegalArgumentException when it is not an http(s) URL
         */
        public Builder baseUrl(String value) {
            URI uri;
            try {
                uri = new URI(Objects.requireNonNull(value, "baseUrl").strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("alerts: baseUrl '" + value + "' is not a valid URL: " + e.getReason(), e);
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("alerts: baseUrl '" + value + "' must be an http(s) URL with a host");
            }
            this.baseUrl = uri;
            return this;
        }

        /** @param value how often the store is looked at (> 0) @return this */
        public Builder checkEvery(Duration value) {
            this.checkEvery = value;
            return this;
        }

        /**
         * @param attempts     tries per delivery (>= 1)
         * @param firstRetry   the wait before the second, doubling after
         * @param maxRetryWait the longest wait
         * @return this
         */
        public Builder delivery(int attempts, Duration firstRetry, Duration maxRetryWait) {
            this.maxAttempts = attempts;
            this.firstRetry = firstRetry;
            this.maxRetryWait = maxRetryWait;
            return this;
        }

        /** @param value the longest HTTP request or SMTP conversation (> 0) @return this */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the field when they do not fit together
         */
        public Alerts build() {
            return new Alerts(channels, routes, defaultRoute == null ? List.copyOf(channels.keySet()) : defaultRoute,
                    rules, scheduleGrace, throttle, baseUrl, checkEvery, maxAttempts, firstRetry, maxRetryWait,
                    requestTimeout);
        }
    }
}
