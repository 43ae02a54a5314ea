package dev.baton.access;

import java.time.Instant;

/**
 * One line of the audit trail: who did (or tried) what to what, when, from where, and how it went.
 *
 * @param id        the entry's number, growing
 * @param at        when
 * @param actor     who: a user's name, a token's name, {@code anonymous}, or for the CLI the author
 * @param via       how they were known: {@code session}, {@code token}, {@code none} (no authentication
 *                  on this server), {@code cli}
 * @param action    what, e.g. {@code start}, {@code cancel}, {@code retry}, {@code signal}, {@code pause},
 *                  {@code resume}, {@code backfill}, {@code deploy}, {@code login}, {@code logout},
 *                  {@code token.create}, {@code token.revoke}, {@code user.create}, {@code user.update}
 * @param target    on what: a run id, a workflow, {@code workflow/schedule}, a token or user; or null
 * @param outcome   {@code ok}, {@code refused} (not allowed, not authenticated, bad request) or {@code failed}
 * @param detail    a few words more (the refusal's reason, the signal's name), or null
 * @param address   the remote address, or the host for the CLI
 * @param userAgent the client's User-Agent, or null
 */
public record AuditEntry(long id, Instant at, String actor, String via, String action, String target, String outcome,
                         String detail, String address, String userAgent) {
}
