package dev.baton.server;

import dev.baton.server.access.ClientAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whether a server asks who is calling. With {@link Auth#AUTO} (the default) it does when bound to
 * anything but loopback; {@link Auth#ON} asks on loopback too; {@link Auth#OFF} never asks, and a
 * server bound beyond loopback refuses to start with it unless {@link #insecureNetworkWithoutAuth}
 * says that this is really meant. With authentication, API calls carry
 * {@code Authorization: Bearer TOKEN} and the UI asks for a login; see docs/security.md.
 *
 * @param auth                       when to authenticate
 * @param insecureNetworkWithoutAuth serve beyond loopback without authentication (anyone who reaches the port may
 *                                   start and cancel runs)
 * @param trustProxy                 a proxy in front is trusted: its {@code X-Forwarded-Proto: https} marks the session
 *                                   cookie Secure, and the client's address is taken from {@code X-Forwarded-For}
 *                                   (the rightmost untrusted hop, see {@link dev.baton.server.access.ClientAddress})
 *                                   for the audit trail and the per-address login throttle. Without it both headers
 *                                   are ignored.
 * @param trustedProxies             further proxies (addresses or CIDR ranges) whose hops in {@code X-Forwarded-For}
 *                                   are skipped, for a chain of proxies (a CDN, then a load balancer); the one
 *                                   connecting is trusted anyway with {@code trustProxy}
 * @param sessionIdle                how long a UI login lives unused; each request moves its end this far ahead
 * @param sessionMax                 how long a UI login lives at most after the login, however used
 */
public record ServerSecurity(Auth auth, boolean insecureNetworkWithoutAuth, boolean trustProxy,
                             List<String> trustedProxies, Duration sessionIdle, Duration sessionMax) {
    /** A UI login unused this long ends, unless told otherwise. */
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(2);
    /** A UI login ends this long after it was made however it is used, unless told otherwise. */
    public static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(12);

    /** When the server authenticates callers. */
    public enum Auth {
        /** Beyond loopback only. */
        AUTO,
        /** Always. */
        ON,
        /** Never; refused beyond loopback without {@code insecureNetworkWithoutAuth}. */
        OFF
    }

    public ServerSecurity {
        Objects.requireNonNull(auth, "auth");
        trustedProxies = List.copyOf(trustedProxies);
        new ClientAddress(trustProxy, trustedProxies); // refuses an entry that is not an address or a range
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionMax, "sessionMax");
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMax.isNegative() || sessionMax.isZero()) {
            throw new IllegalArgumentException("the session's idle timeout and maximum must be positive, were "
                    + sessionIdle + " and " + sessionMax);
        }
        if (sessionIdle.compareTo(sessionMax) > 0) {
            throw new IllegalArgumentException("the session's idle timeout (" + sessionIdle + ") is longer than its "
                    + "maximum (" + sessionMax + "); give an idle timeout no longer than the maximum");
        }
    }

    /** @return {@link Auth#AUTO}: authentication beyond loopback */
    public static ServerSecurity defaults() {
        return new ServerSecurity(Auth.AUTO, false, false, List.of(), DEFAULT_SESSION_IDLE, DEFAULT_SESSION_MAX);
    }

    /** @return authentication always, loopback included */
    public static ServerSecurity required() {
        return defaults().withAuth(Auth.ON);
    }

    /** @param auth when to authenticate @return these settings with it */
    public ServerSecurity withAuth(Auth auth) {
        return new ServerSecurity(auth, insecureNetworkWithoutAuth, trustProxy, trustedProxies, sessionIdle, sessionMax);
    }

    /** @return these settings, allowing a server beyond loopback without authentication */
    public ServerSecurity allowingInsecureNetworkWithoutAuth() {
        return new ServerSecurity(auth, true, trustProxy, trustedProxies, sessionIdle, sessionMax);
    }

    /** @return these settings, trusting the proxy in front: X-Forwarded-Proto and X-Forwarded-For */
    public ServerSecurity trustingProxy() {
        return new ServerSecurity(auth, insecureNetworkWithoutAuth, true, trustedProxies, sessionIdle, sessionMax);
    }

    /**
     * @param proxies addresses or CIDR ranges of further proxies in the chain
     * @return these settings, trusting the proxy in front and these
     * @throws IllegalArgumentException naming an entry that is not an address or a range
     */
    public ServerSecurity trustingProxies(List<String> proxies) {
        return new ServerSecurity(auth, insecureNetworkWithoutAuth, true, proxies, sessionIdle, sessionMax);
    }

    /**
     * @param idle how long a login lives unused
     * @param max  how long it lives at most
     * @return these settings with them
     */
    public ServerSecurity withSessions(Duration idle, Duration max) {
        return new ServerSecurity(auth, insecureNetworkWithoutAuth, trustProxy, trustedProxies, idle, max);
    }

    /** @return how the client's address is found */
    public ClientAddress clientAddress() {
        return new ClientAddress(trustProxy, trustedProxies);
    }

    /**
     * @param bind the address the server binds
     * @return whether callers must authenticate there
     * @throws ServerStartException for {@link Auth#OFF} beyond loopback without the insecure flag
     */
    public boolean authenticates(String bind) {
        boolean loopback = isLoopback(bind);
        return switch (auth) {
            case ON -> true;
            case AUTO -> !loopback;
            case OFF -> {
                if (!loopback && !insecureNetworkWithoutAuth) {
                    throw new ServerStartException("refusing to serve on " + bind + " without authentication: anyone "
                            + "who reaches it could start, cancel and signal runs. Keep authentication on (create a "
                            + "user with `baton users add NAME --role admin`), bind to 127.0.0.1, or, if a network "
                            + "you fully trust is really meant, say so with --insecure-no-auth", null);
                }
                yield false;
            }
        };
    }

    /** @param bind an address or host name @return whether it is this machine only */
    public static boolean isLoopback(String bind) {
        if (bind.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // An address literal is parsed without a lookup; a host name is looked up.
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
