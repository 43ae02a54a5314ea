package dev.baton.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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
 * @param trustForwardedProto        believe {@code X-Forwarded-Proto: https} from a TLS-terminating proxy in front,
 *                                   so that the session cookie is marked Secure
 * @param sessionTtl                 how long a UI login lasts
 */
public record ServerSecurity(Auth auth, boolean insecureNetworkWithoutAuth, boolean trustForwardedProto,
                             Duration sessionTtl) {
    /** A UI login lasts this long unless told otherwise. */
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

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
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive, was " + sessionTtl);
        }
    }

    /** @return {@link Auth#AUTO}: authentication beyond loopback */
    public static ServerSecurity defaults() {
        return new ServerSecurity(Auth.AUTO, false, false, DEFAULT_SESSION_TTL);
    }

    /** @return authentication always, loopback included */
    public static ServerSecurity required() {
        return new ServerSecurity(Auth.ON, false, false, DEFAULT_SESSION_TTL);
    }

    /** @param auth when to authenticate @return these settings with it */
    public ServerSecurity withAuth(Auth auth) {
        return new ServerSecurity(auth, insecureNetworkWithoutAuth, trustForwardedProto, sessionTtl);
    }

    /** @return these settings, allowing a server beyond loopback without authentication */
    public ServerSecurity allowingInsecureNetworkWithoutAuth() {
        return new ServerSecurity(auth, true, trustForwardedProto, sessionTtl);
    }

    /** @return these settings, believing X-Forwarded-Proto from a proxy */
    public ServerSecurity trustingForwardedProto() {
        return new ServerSecurity(auth, insecureNetworkWithoutAuth, true, sessionTtl);
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
