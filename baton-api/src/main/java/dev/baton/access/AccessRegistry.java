package dev.baton.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, API tokens, UI sessions, failed-login counters and the audit trail, kept in the store so
 * that every server process on one store shares them. Reached with {@code Baton.access()}.
 *
 * <p>Secrets (passwords, token secrets, session cookies) are kept only as hashes. Every method
 * refuses bad input with an {@link AccessException} or {@link IllegalArgumentException} that says
 * what is wrong.
 */
public interface AccessRegistry {

    // ---- users ----

    /**
     * @param name     the login name: letters, digits, {@code . _ - @}, 1 to 64 characters
     * @param role     what the user may do
     * @param password at least {@value #MIN_PASSWORD_LENGTH} characters
     * @return the user
     * @throws AccessException CONFLICT when the name is taken, BAD_INPUT for a bad name or a short password
     */
    UserInfo createUser(String name, Role role, char[] password);

    /** @return every user, by name */
    List<UserInfo> users();

    /** @param name a login name @return the user, if any */
    Optional<UserInfo> user(String name);

    /** Changes a user's role. @throws AccessException NOT_FOUND for an unknown user */
    UserInfo setRole(String name, Role role);

    /** Changes a user's password and ends the user's sessions. @throws AccessException NOT_FOUND, BAD_INPUT */
    void setPassword(String name, char[] password);

    /** Refuses the user's logins from now on and ends the user's sessions. @throws AccessException NOT_FOUND */
    void disableUser(String name);

    /** The shortest password accepted. */
    int MIN_PASSWORD_LENGTH = 10;

    // ---- logins and sessions ----

    /**
     * Checks a password and, when it is right, opens a UI session. Failures are counted per
     * account and per remote address; past a few, logins from either are locked for a while
     * that grows with each further failure (even with the right password).
     *
     * @param name     the login name
     * @param password the password
     * @param address  the remote address
     * @param ttl      how long the session lasts unless renewed ({@link #session(String, Duration, Duration)})
     * @return the new session, with its secret
     * @throws AccessException BAD_CREDENTIALS, USER_DISABLED or LOCKED (with the seconds to wait)
     */
    Session login(String name, char[] password, String address, Duration ttl);

    /** @param secret a session cookie's value @return the live session, if it is one (not renewed) */
    Optional<Session> session(String secret);

    /**
     * The live session, renewed: a session in use lives {@code idle} past its last use, but never
     * past {@code max} after its login. Renewals are written at most about once a minute, so that
     * reads do not each write.
     *
     * @param secret a session cookie's value
     * @param idle   how long a session lives unused
     * @param max    how long a session lives at most, used or not
     * @return the live session with its (new) end, if it is one
     */
    Optional<Session> session(String secret, Duration idle, Duration max);

    /** Ends a session; nothing happens for an unknown one. */
    void logout(String secret);

    /**
     * @param key {@code user:NAME} or {@code address:IP}
     * @return until when logins are locked for it, if they are now
     */
    Optional<Instant> lockedUntil(String key);

    // ---- tokens ----

    /**
     * @param name      what the token is for, 1 to 64 characters
     * @param role      what its bearer may do
     * @param expiresAt when it stops working, or null for never
     * @param createdBy who creates it
     * @return the token and its secret, shown this once
     */
    NewToken createToken(String name, Role role, Instant expiresAt, String createdBy);

    /** @return every token, newest first, without secrets */
    List<TokenInfo> tokens();

    /**
     * Revokes a token at once; its bearer is refused from the next request on.
     *
     * @param id the token's id
     * @return the token, revoked
     * @throws AccessException NOT_FOUND when there is no such token
     */
    TokenInfo revokeToken(String id);

    /**
     * @param secret what a client sent as its bearer token
     * @return the token, when it is valid now
     * @throws AccessException TOKEN_UNKNOWN, TOKEN_EXPIRED or TOKEN_REVOKED, the message naming the token
     */
    TokenInfo authenticate(String secret);

    // ---- audit ----

    /** Appends an entry; its id and, when null, its time are set here. @return the entry as stored */
    AuditEntry record(AuditEntry entry);

    /** @param query a filter and a page @return the matching entries, newest first */
    List<AuditEntry> audit(AuditQuery query);
}
