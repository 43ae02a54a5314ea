package dev.baton.access;

import dev.baton.BatonException;

/**
 * A refusal by the access registry: a wrong password, an unknown, expired or revoked token, a
 * login locked after too many failures, a name already taken. The message says which, and what
 * to do.
 */
public class AccessException extends BatonException {
    private static final long serialVersionUID = 1L;

    /** Why the registry refused. */
    public enum Reason {
        /** Unknown user or wrong password (the two are not told apart). */
        BAD_CREDENTIALS,
        /** Too many failed logins for the account or the address; {@link #retryAfterSeconds()} says how long. */
        LOCKED,
        /** No token with that secret. */
        TOKEN_UNKNOWN,
        /** The token's expiry has passed. */
        TOKEN_EXPIRED,
        /** The token was revoked. */
        TOKEN_REVOKED,
        /** The user is disabled. */
        USER_DISABLED,
        /** A user or token that does not exist. */
        NOT_FOUND,
        /** A user that already exists. */
        CONFLICT,
        /** A malformed name, password or expiry. */
        BAD_INPUT
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    public AccessException(Reason reason, String message) {
        this(reason, message, 0);
    }

    public AccessException(Reason reason, String message, long retryAfterSeconds) {
        super(message, null);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }

    /** @return for {@link Reason#LOCKED}, the seconds until a login may be tried again; else 0 */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
