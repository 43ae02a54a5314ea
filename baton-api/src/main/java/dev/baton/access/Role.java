package dev.baton.access;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a user or an API token may do on a Baton server. Each role includes the ones below it:
 * {@link #VIEWER} &lt; {@link #OPERATOR} &lt; {@link #ADMIN}.
 */
public enum Role {
    /** Reads everything: workflows, runs, steps, logs, schedules, deploys. */
    VIEWER,
    /** Also acts on runs and schedules: start, cancel, retry, signal, pause, resume, backfill. */
    OPERATOR,
    /** Also manages users and tokens, reads the audit trail, and deploys. */
    ADMIN;

    /** @param needed the role an action needs @return whether this role may do it */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** @return the name as users write it, e.g. {@code operator} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a role's name, in any case, e.g. {@code operator}
     * @return the role
     * @throws IllegalArgumentException when no role has that name; the message lists the valid ones
     */
    public static Role parse(String text) {
        String name = text == null ? "" : text.strip();
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("there is no role '" + name + "'; the roles are "
                + String.join(", ", Arrays.stream(values()).map(Role::label).toList())
                + " (each includes the ones before it)");
    }
}
