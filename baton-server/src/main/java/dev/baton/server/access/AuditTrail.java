package dev.baton.server.access;

import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to the audit trail in the store, for a server whose engine keeps one; a failure to
 * record is logged and does not fail the request that was already carried out.
 */
public final class AuditTrail {
    /** A request attribute a handler sets to name its action's target, when the path does not. */
    public static final String TARGET = "baton.audit.target";
    /** A request attribute a handler sets to say a few words more about its action (or its failure). */
    public static final String DETAIL = "baton.audit.detail";
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private final AccessRegistry registry;

    /** @param registry the store's registry, or null when the engine keeps none */
    public AuditTrail(AccessRegistry registry) {
        this.registry = registry;
    }

    /** @return whether entries are kept */
    public boolean kept() {
        return registry != null;
    }

    /**
     * @param caller  who
     * @param action  what, e.g. {@code cancel}
     * @param target  on what, or null
     * @param outcome {@code ok}, {@code refused} or {@code failed}
     * @param detail  a few words more, or null
     */
    public void record(Caller caller, String action, String target, String outcome, String detail) {
        record(caller.name(), caller.via(), caller.address(), caller.userAgent(), action, target, outcome, detail);
    }

    /** Records an entry for an actor not (yet) known as a caller, such as a login attempt. */
    public void record(String actor, String via, String address, String userAgent, String action, String target,
                       String outcome, String detail) {
        if (registry == null) {
            return;
        }
        try {
            registry.record(new AuditEntry(0, null, actor, via, action, target, outcome, clip(detail), address,
                    clip(userAgent)));
        } catch (RuntimeException e) {
            log.error("could not record {} {} of {} by {} in the audit trail", action, outcome, target, actor, e);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
