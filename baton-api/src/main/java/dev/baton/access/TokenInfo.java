package dev.baton.access;

import java.time.Instant;

/**
 * An API token, as listed: everything but its secret, which is shown once when it is created
 * and stored only as a hash.
 *
 * @param id         the token's id, for listing and revoking (not a secret)
 * @param name       what it is for, e.g. {@code ci-deploy}
 * @param role       what its bearer may do
 * @param createdBy  who created it
 * @param createdAt  when
 * @param expiresAt  when it stops working, or null for never
 * @param revokedAt  when it was revoked, or null
 * @param lastUsedAt when it was last accepted (to the minute), or null
 */
public record TokenInfo(String id, String name, Role role, String createdBy, Instant createdAt, Instant expiresAt,
                        Instant revokedAt, Instant lastUsedAt) {

    /** @param now the moment @return {@code active}, {@code expired} or {@code revoked} */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
    }
}
