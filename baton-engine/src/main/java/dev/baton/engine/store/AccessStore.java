package dev.baton.engine.store;

import dev.baton.access.AuditQuery;

import java.util.List;
import java.util.Optional;

/**
 * The store's part for access control: users, API tokens, UI sessions, failed-login counters and
 * the audit trail. Every method is its own transaction and may be called from any thread; several
 * server processes share these rows through one store, so counters are incremented in the
 * database, never read, changed and written back. Secrets are only ever stored hashed (by the
 * caller). Times are epoch milliseconds.
 */
public interface AccessStore {

    /** A user. @param role a {@link dev.baton.access.Role} name @param disabledAt null while enabled */
    record UserRow(String name, String role, String passwordHash, long createdAt, Long disabledAt) {
    }

    /** An API token; nullable: createdBy, expiresAt, revokedAt, lastUsedAt. */
    record TokenRow(String id, String name, String role, String secretHash, String createdBy, long createdAt,
                    Long expiresAt, Long revokedAt, Long lastUsedAt) {
    }

    /** A UI session, found by the hash of its cookie's value. */
    record SessionRow(String idHash, String user, String csrfToken, long createdAt, long expiresAt) {
    }

    /** Failed logins of one key ({@code user:NAME} or {@code address:IP}). */
    record FailureRow(String key, int failures, long lastAt, long lockedUntil) {
    }

    /** One audit entry; {@code id} is 0 before it is appended. */
    record AuditRow(long id, long at, String actor, String via, String action, String target, String outcome,
                    String detail, String address, String userAgent) {
    }

    /** @return false when a user of that name exists (nothing changed) */
    boolean insertUser(UserRow user);

    Optional<UserRow> user(String name);

    /** @return every user, by name */
    List<UserRow> users();

    /** @return false for an unknown user */
    boolean setUserRole(String name, String role);

    /** Sets the hash and deletes the user's sessions. @return false for an unknown user */
    boolean setUserPassword(String name, String passwordHash);

    /** Marks the user disabled and deletes the user's sessions. @return false for an unknown user */
    boolean disableUser(String name, long at);

    void insertToken(TokenRow token);

    Optional<TokenRow> token(String id);

    Optional<TokenRow> tokenBySecretHash(String secretHash);

    /** @return every token, newest first */
    List<TokenRow> tokens();

    /** Sets revoked_at unless already set. @return false for an unknown token */
    boolean revokeToken(String id, long at);

    /** Records a use of the token. */
    void touchToken(String id, long at);

    void insertSession(SessionRow session);

    /** @return the session, even if expired (the caller compares times) */
    Optional<SessionRow> session(String idHash);

    void deleteSession(String idHash);

    /**
     * Moves a session's end later (sliding renewal); never earlier, so that two servers renewing
     * the same session at once cannot shorten it.
     *
     * @return false when there is no such session or its end is already at or after {@code expiresAt}
     */
    boolean renewSession(String idHash, long expiresAt);

    /** @return how many expired sessions were deleted */
    int deleteExpiredSessions(long now);

    /**
     * Counts one more failure for {@code key}, atomically: the count starts again at 1 when the
     * last failure is older than {@code forgetAfterMs}.
     *
     * @return the row after counting
     */
    FailureRow recordLoginFailure(String key, long at, long forgetAfterMs);

    /** Sets locked_until to {@code until} unless it is later already. */
    void lockLogin(String key, long until);

    Optional<FailureRow> loginFailures(String key);

    void clearLoginFailures(String key);

    /** @return the entry's id */
    long appendAudit(AuditRow entry);

    /** @return matching entries, newest (highest id) first */
    List<AuditRow> audit(AuditQuery query);
}
