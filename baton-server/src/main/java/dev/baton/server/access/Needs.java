package dev.baton.server.access;

import dev.baton.access.Role;

/** What a route asks of its caller: nothing, or at least a role. */
public enum Needs {
    /** Anyone, authenticated or not: health, the OpenAPI document, assets, the login form. */
    PUBLIC(null),
    VIEWER(Role.VIEWER),
    OPERATOR(Role.OPERATOR),
    ADMIN(Role.ADMIN);

    private final Role role;

    Needs(Role role) {
        this.role = role;
    }

    /** @return the least role, or null for {@link #PUBLIC} */
    public Role role() {
        return role;
    }
}
