package dev.baton.access;

import java.time.Instant;

/**
 * A user who logs in to the web UI (the password is stored only as a hash, never shown).
 *
 * @param name      the login name
 * @param role      what the user may do
 * @param createdAt when the user was added
 * @param disabled  whether logins are refused
 */
public record UserInfo(String name, Role role, Instant createdAt, boolean disabled) {
}
