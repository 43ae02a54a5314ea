package dev.baton.access;

import java.time.Instant;

/**
 * A logged-in UI session.
 *
 * @param secret    the session cookie's value (stored only as a hash); null when read back from the store
 * @param user      who logged in
 * @param role      the user's role now
 * @param csrfToken the token every form of this session carries and every UI action checks
 * @param expiresAt when the session ends
 */
public record Session(String secret, String user, Role role, String csrfToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "Session[" + user + ", " + role + ", until " + expiresAt + "]";
    }
}
