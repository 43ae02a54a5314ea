package dev.baton.server.access;

import dev.baton.access.Role;
import io.javalin.http.Context;

/**
 * Who is calling, as the server established it before the route's handler ran.
 *
 * @param name      the user's or token's name; {@code anonymous} when nobody authenticated
 * @param via       {@code session} (UI login), {@code token} (API token), {@code none} (a server without
 *                  authentication) or {@code unauthenticated} (a server with it, and no credentials)
 * @param role      what the caller may do; null when unauthenticated
 * @param csrfToken what this caller's forms carry and UI actions check; null for token callers
 * @param address   the remote address
 * @param userAgent the client's User-Agent, or null
 * @param authOn    whether this server authenticates callers
 */
public record Caller(String name, String via, Role role, String csrfToken, String address, String userAgent,
                     boolean authOn) {
    /** The request attribute that holds the caller. */
    public static final String ATTRIBUTE = "baton.caller";

    /** @param ctx a request that went through the gate @return its caller */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller for " + ctx.method() + " " + ctx.path()
                    + ": the request did not go through the access gate");
        }
        return caller;
    }

    /** @param needed a role @return whether this caller has it */
    public boolean may(Role needed) {
        return role != null && role.includes(needed);
    }

    /** @return whether a user logged in to the UI */
    public boolean loggedIn() {
        return "session".equals(via);
    }
}
